-- The fifteen credential-report rules of credlint (CL101, CL102, CL104, CL105, CL201-CL208,
-- CL403-CL405) as DuckDB SQL: issue 16's side-by-side baseline (scripts/bench.sh targets,
-- docs/performance.md). Each rule follows its YAML in rules/ with default parameters and no
-- configuration: break-glass users by the default names only, no drill dates, no account
-- summary (so CL102 cannot be silenced by AccountPasswordPresent = 0).
--
-- Before `.read`ing this file, set:
--   SET VARIABLE report = '/path/to/credential-report.csv';
--   SET VARIABLE as_of  = '2026-01-01';            -- credlint's --as-of (a bare date is midnight UTC)
-- It reads the report into the table `cl_rows` and defines the view
-- `findings(rule, "user", arn, slot, line)`, one row per finding, with the
-- slot and line credlint gives (`slot` is '' for user-scope rules, as in credlint's JSON).
--
-- The report's special strings, as credlint reads them (docs/rule-language.md, "Null and unknown"):
--   N/A, no_information  -> null:    no value. `x == null` is true, `x ?? y` gives y.
--   not_supported        -> unknown: AWS did not say. `x == null` is false, `x ?? y` gives y,
--                                    `is_unknown(x)` is true (CL102's root password).
-- Both are case-sensitive. A comparison with either is false, and a condition fires only when
-- it is exactly true, so a NULL below (for either) never fires a rule; where the two differ
-- (`== null`, `is_unknown`) the raw string is tested. true/false are ASCII case-insensitive.
-- Anything else in a boolean or date column is an error, as it is for credlint (exit 2).

-- A boolean cell: true, false, or NULL for the three tokens.
CREATE OR REPLACE TEMP MACRO cl_bool(x) AS CASE
    WHEN lower(x) = 'true' THEN true
    WHEN lower(x) = 'false' THEN false
    WHEN x IN ('N/A', 'no_information', 'not_supported') THEN NULL
    ELSE error('not a credential report boolean: ' || coalesce(x, '(empty)')) END;

-- A date cell as epoch seconds, or NULL for the three tokens.
CREATE OR REPLACE TEMP MACRO cl_time(x) AS CASE
    WHEN x IN ('N/A', 'no_information', 'not_supported') THEN NULL
    ELSE coalesce(epoch(try_cast(x AS TIMESTAMPTZ)),
                  error('not a credential report timestamp: ' || coalesce(x, '(empty)'))) END;

-- `cred.last_used == null`: never used (N/A or no_information), but not not_supported.
CREATE OR REPLACE TEMP MACRO cl_never(x) AS x IN ('N/A', 'no_information');

CREATE OR REPLACE TEMP MACRO cl_days(n) AS n * 86400;

-- Rows as the rules see them, read once into a table: as a view, every rule below would scan
-- and convert the CSV again (5x the CPU at 200,000 rows). Every value is read as text, so no type is guessed; the header
-- names the columns (credlint maps them by name too; a report without the 22 current columns
-- fails here, where credlint reads the missing ones as N/A); fields are RFC 4180 quoted.
-- `line`: the header is line 1 and no generated field spans lines, so data row k is line k + 1.
-- DuckDB reads an empty field as NULL: the boolean and date macros then fail, as credlint does
-- on an empty cell, and an empty user name is ''.
CREATE OR REPLACE TEMP TABLE cl_rows AS
WITH raw AS (
    SELECT row_number() OVER () + 1 AS line, *
    FROM read_csv(getvariable('report'), header = true, all_varchar = true, delim = ',', quote = '"',
                  escape = '"', strict_mode = true)
)
SELECT line, coalesce("user", '') AS "user", arn,
    -- the root row: an ARN whose resource is `root`, or the name <root_account> (root_account
    -- as copied from AWS's HTML docs)
    (regexp_matches(arn, '^arn:[^:]*:[^:]*:[^:]*:[0-9]{12}:root$')
        OR coalesce("user", '') IN ('<root_account>', 'root_account')) AS is_root,
    -- break-glass by the default name globs break-glass*, breakglass*, emergency-access*, case-insensitive
    (starts_with(lower(coalesce("user", '')), 'break-glass') OR starts_with(lower(coalesce("user", '')), 'breakglass')
        OR starts_with(lower(coalesce("user", '')), 'emergency-access')) AS is_bg,
    cl_time(user_creation_time) AS created,
    cl_bool(password_enabled) AS pw,
    password_enabled = 'not_supported' AS pw_unknown,
    cl_time(password_last_used) AS pw_used,
    cl_never(password_last_used) AS pw_never,
    cl_time(password_last_changed) AS pw_changed,
    cl_bool(mfa_active) AS mfa,
    cl_bool(access_key_1_active) AS k1_active,
    cl_time(access_key_1_last_rotated) AS k1_rotated,
    cl_time(access_key_1_last_used_date) AS k1_used,
    cl_never(access_key_1_last_used_date) AS k1_never,
    cl_bool(access_key_2_active) AS k2_active,
    cl_time(access_key_2_last_rotated) AS k2_rotated,
    cl_time(access_key_2_last_used_date) AS k2_used,
    cl_never(access_key_2_last_used_date) AS k2_never,
    cl_bool(cert_1_active) AS c1_active,
    cl_bool(cert_2_active) AS c2_active,
    epoch(CAST(getvariable('as_of') AS TIMESTAMPTZ)) AS as_of
FROM raw;

-- One row per access-key slot, and one per credential (password and keys; certificates never
-- match CL403-CL405, which look at passwords and keys only).
CREATE OR REPLACE TEMP VIEW cl_keys AS
SELECT line, "user", arn, is_root, is_bg, pw, as_of, 'access_key_1' AS slot,
       k1_active AS active, k1_rotated AS rotated, k1_used AS used, k1_never AS never,
       -- a slot exists when the key is active or keeps a last_rotated date
       (k1_active IS TRUE OR k1_rotated IS NOT NULL) AS present
FROM cl_rows
UNION ALL
SELECT line, "user", arn, is_root, is_bg, pw, as_of, 'access_key_2',
       k2_active, k2_rotated, k2_used, k2_never, (k2_active IS TRUE OR k2_rotated IS NOT NULL)
FROM cl_rows;

CREATE OR REPLACE TEMP VIEW cl_creds AS
-- the password is a credential when enabled or unknown (not_supported); `enabled` is true only for true
SELECT line, "user", arn, is_root, is_bg, as_of, 'password' AS slot, pw IS TRUE AS enabled,
       pw_used AS used, pw_never AS never
FROM cl_rows WHERE pw IS TRUE OR pw_unknown
UNION ALL
SELECT line, "user", arn, is_root, is_bg, as_of, slot, active IS TRUE, used, never
FROM cl_keys WHERE present;

CREATE OR REPLACE TEMP VIEW findings AS
-- CL101 root-access-key-active (access_key): user.is_root && key.active
SELECT 'CL101' AS rule, "user", arn, slot, line FROM cl_keys WHERE is_root AND active
UNION ALL
-- CL102 root-mfa-disabled (user): root, mfa_active == false, and a password (true, or unknown);
-- without an account summary nothing proves there is none
SELECT 'CL102', "user", arn, '', line FROM cl_rows WHERE is_root AND mfa = false AND (pw IS TRUE OR pw_unknown)
UNION ALL
-- CL104 root-used-recently (user): age(user.last_used) <= 90d, last_used the latest of the
-- password and key use dates that have a value
SELECT 'CL104', "user", arn, '', line FROM cl_rows
WHERE is_root AND as_of - greatest(pw_used, k1_used, k2_used) <= cl_days(90)
UNION ALL
-- CL105 root-signing-certificate-active (user): user.certs.exists(c, c.active)
SELECT 'CL105', "user", arn, '', line FROM cl_rows WHERE is_root AND (c1_active IS TRUE OR c2_active IS TRUE)
UNION ALL
-- CL201 console-user-without-mfa (user): !root && password_enabled && mfa_active == false
SELECT 'CL201', "user", arn, '', line FROM cl_rows WHERE NOT is_root AND pw AND mfa = false
UNION ALL
-- CL202 password-unused (credential): enabled password, not root, not break-glass,
-- age(last_used ?? created ?? user.created) > 45d; a password's `created` is password_last_changed,
-- else user_creation_time
SELECT 'CL202', r."user", r.arn, 'password', r.line FROM cl_rows r
WHERE r.pw AND NOT r.is_root AND NOT r.is_bg AND r.as_of - coalesce(r.pw_used, r.pw_changed, r.created) > cl_days(45)
UNION ALL
-- CL203 access-key-unused (access_key): active, age(last_used ?? last_rotated) > 45d
SELECT 'CL203', "user", arn, slot, line FROM cl_keys
WHERE active AND NOT is_root AND NOT is_bg AND as_of - coalesce(used, rotated) > cl_days(45)
UNION ALL
-- CL204 access-key-not-rotated (access_key): 90d < age(last_rotated) <= 365d (CL205's days)
SELECT 'CL204', "user", arn, slot, line FROM cl_keys
WHERE active AND NOT is_root AND NOT is_bg AND as_of - rotated > cl_days(90) AND as_of - rotated <= cl_days(365)
UNION ALL
-- CL205 access-key-very-old (access_key): age(last_rotated) > 365d
SELECT 'CL205', "user", arn, slot, line FROM cl_keys
WHERE active AND NOT is_root AND NOT is_bg AND as_of - rotated > cl_days(365)
UNION ALL
-- CL206 multiple-active-access-keys (user): both keys active
SELECT 'CL206', "user", arn, '', line FROM cl_rows
WHERE NOT is_root AND NOT is_bg AND k1_active IS TRUE AND k2_active IS TRUE
UNION ALL
-- CL207 setup-access-key-never-used (access_key): active, last_used == null, password enabled
SELECT 'CL207', "user", arn, slot, line FROM cl_keys
WHERE active AND never AND pw AND NOT is_root AND NOT is_bg
UNION ALL
-- CL208 password-and-access-key (user): password enabled and an active key
SELECT 'CL208', "user", arn, '', line FROM cl_rows
WHERE NOT is_root AND NOT is_bg AND pw AND (k1_active IS TRUE OR k2_active IS TRUE)
UNION ALL
-- CL403 break-glass-untested (credential): enabled, never used
SELECT 'CL403', "user", arn, slot, line FROM cl_creds WHERE is_bg AND NOT is_root AND enabled AND never
UNION ALL
-- CL404 break-glass-used (credential, enabled or not): age(last_used) <= 7d, no drill date declared
SELECT 'CL404', "user", arn, slot, line FROM cl_creds WHERE is_bg AND NOT is_root AND as_of - used <= cl_days(7)
UNION ALL
-- CL405 break-glass-drill-overdue (credential): enabled, age(last_used) > 365d
SELECT 'CL405', "user", arn, slot, line FROM cl_creds
WHERE is_bg AND NOT is_root AND enabled AND as_of - used > cl_days(365);
