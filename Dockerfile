# credlint in a container: `docker run --rm -v "$PWD:/data" ghcr.io/credlint/credlint lint /data/exports`
#
# Build stage: scripts/package.sh, the same release build as the archives (Swift runtime, libxml2
# and ICU linked statically). The release workflow builds from `git archive HEAD` as the context,
# so `credlint --version` names the commit; `docker build .` from a clone works too, without it.
FROM swift:6.1-noble AS build
# The -dev packages bring the static archives package.sh links (versions follow the Swift image).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libxml2-dev libicu-dev liblzma-dev zlib1g-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN bash scripts/package.sh --out /dist \
    && mkdir /opt/credlint \
    && tar -xzf /dist/credlint-*.tar.gz -C /opt/credlint --strip-components 1

# Runtime: plain Ubuntu (the same glibc as the build), no toolchain, no libxml2 package.
FROM ubuntu:24.04
RUN groupadd --system --gid 10001 credlint \
    && useradd --system --uid 10001 --gid 10001 --no-create-home --shell /usr/sbin/nologin credlint
COPY --from=build /opt/credlint/credlint /usr/local/bin/credlint
COPY --from=build /opt/credlint/LICENSE /opt/credlint/README.md /opt/credlint/CHANGELOG.md /usr/share/doc/credlint/
COPY --from=build /opt/credlint/licenses /usr/share/doc/credlint/licenses
COPY --from=build /opt/credlint/man/man1/credlint.1 /usr/share/man/man1/credlint.1
COPY samples /usr/share/credlint/samples
USER 10001:10001
# Smoke test, as the user the image runs as: the healthy sample is clean (exit 0) and the whole
# samples folder has findings (exit 1); any other answer fails the build.
RUN credlint --version \
    && credlint lint /usr/share/credlint/samples/healthy --as-of 2026-11-28T12:00:00Z > /dev/null \
    && { credlint lint /usr/share/credlint/samples --as-of 2026-11-28T12:00:00Z --format sarif > /dev/null; test "$?" -eq 1; }
WORKDIR /data
ENTRYPOINT ["credlint"]
CMD ["--help"]
