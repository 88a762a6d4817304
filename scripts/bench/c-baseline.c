/*
 * Issue 16, target (c): the floor for linting one account. It does the unavoidable
 * part of `credlint lint ACCOUNT --output sarif=FILE` and nothing else:
 *
 *   - pull-parses every *.xml file of the account directory with libxml2's xmlReader,
 *     with the parser options credlint uses (LibXML2Setup.safeOptions: NONET, NOERROR,
 *     NOWARNING, BIG_LINES; no entity substitution, no DTD loading),
 *     touching each element name and each text node's value;
 *   - splits every *.csv file into fields (RFC 4180 quotes), touching each byte;
 *   - writes OUT_BYTES bytes to OUT_FILE (as many as credlint's SARIF has).
 *
 * It judges nothing, so it is not a linter; scripts/bench.sh targets compares credlint
 * with it. It prints "xml_nodes csv_fields written" so the work cannot be optimised away.
 *
 *   cc -O2 c-baseline.c $(pkg-config --cflags --libs libxml-2.0) -o c-baseline
 *   c-baseline ACCOUNT_DIR OUT_FILE OUT_BYTES
 */
#include <dirent.h>
#include <fcntl.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned long long xml_nodes, csv_fields, checksum;

static int ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int read_xml(const char *path) {
    xmlTextReaderPtr r = xmlReaderForFile(path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES);
    if (!r) { fprintf(stderr, "%s: cannot open\n", path); return -1; }
    int ret;
    while ((ret = xmlTextReaderRead(r)) == 1) {
        xml_nodes++;
        int type = xmlTextReaderNodeType(r);
        if (type == XML_READER_TYPE_ELEMENT) {
            const xmlChar *name = xmlTextReaderConstLocalName(r);
            checksum += name ? name[0] : 0;
        } else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA) {
            const xmlChar *value = xmlTextReaderConstValue(r);
            if (value) checksum += strlen((const char *)value);
        }
    }
    xmlFreeTextReader(r);
    if (ret != 0) { fprintf(stderr, "%s: XML error\n", path); return -1; }
    return 0;
}

static int read_csv(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { perror(path); return -1; }
    static char buf[1 << 16];
    int quoted = 0;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) {
            char c = buf[i];
            if (c == '"') quoted = !quoted;  /* "" inside quotes toggles twice: stays quoted */
            else if (!quoted && (c == ',' || c == '\n')) csv_fields++;
            else checksum += (unsigned char)c;
        }
    }
    close(fd);
    return n < 0 ? -1 : 0;
}

static int entry_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s ACCOUNT_DIR OUT_FILE OUT_BYTES\n", argv[0]); return 2; }
    const char *dir = argv[1];
    long long out_bytes = atoll(argv[3]);
    LIBXML_TEST_VERSION
    DIR *d = opendir(dir);
    if (!d) { perror(dir); return 2; }
    char **names = NULL;
    size_t count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!ends_with(e->d_name, ".xml") && !ends_with(e->d_name, ".csv")) continue;
        names = realloc(names, (count + 1) * sizeof *names);
        names[count++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, count, sizeof *names, entry_cmp);
    char path[4096];
    for (size_t i = 0; i < count; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        if ((ends_with(names[i], ".xml") ? read_xml(path) : read_csv(path)) != 0) return 2;
        free(names[i]);
    }
    free(names);

    FILE *out = fopen(argv[2], "wb");
    if (!out) { perror(argv[2]); return 2; }
    static char block[1 << 16];
    memset(block, 'x', sizeof block);
    for (long long left = out_bytes; left > 0;) {
        size_t n = left < (long long)sizeof block ? (size_t)left : sizeof block;
        if (fwrite(block, 1, n, out) != n) { perror(argv[2]); return 2; }
        left -= (long long)n;
    }
    if (fclose(out) != 0) { perror(argv[2]); return 2; }
    printf("%llu %llu %lld %llu\n", xml_nodes, csv_fields, out_bytes, checksum);
    xmlCleanupParser();
    return 0;
}
