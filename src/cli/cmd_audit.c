/*
 * cmd_audit.c - `vnetaudit audit`: the periodic audit.  Its findings come
 * from one function, audit_collect(), which runs exactly what `check` runs
 * (check_run.c); the state, diff, mail and --nagios layer is audit_run.c.
 * Mail settings missing from the command line come from vnetaudit.conf.
 * Started as root, the audit probes as an unprivileged user, so its files
 * (--export, --metrics, --map) go through a root writer (root_writer.h)
 * forked beforehand with their paths.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

#include "atomic_file.h"
#include "audit_export.h"
#include "audit_run.h"
#include "check_run.h"
#include "commands.h"
#include "config_pass.h"
#include "exitcodes.h"
#include "host_identity.h"
#include "map_output.h"
#include "privdrop.h"
#include "root_writer.h"

/* --map FILE could not be written (reported once, on stderr). */
static int map_failed;

/* The files root named on the command line, by the index the writer knows
 * them by; export_path is DIR/HOST.json. */
enum { OUT_EXPORT, OUT_METRICS, OUT_MAP, N_OUT };
static char *export_path;
static struct root_writer writer = ROOT_WRITER_INIT;

static bool map_to_file(const struct options *opt)
{
        return opt->map_file && strcmp(opt->map_file, "-") != 0;
}

/* Before probing: the writer, when the audit will not be root afterwards. */
static int start_writer(const struct options *opt)
{
        const char *paths[N_OUT] = { export_path, opt->metrics_file, map_to_file(opt) ? opt->map_file : NULL };

        if (!privdrop_will_switch_user() || (!paths[OUT_EXPORT] && !paths[OUT_METRICS] && !paths[OUT_MAP]))
                return 0;
        return root_writer_start(paths, N_OUT, 0644, &writer);
}

/* One output file: through the writer when there is one. */
static int put_file(int index, const char *path, const void *data, size_t len)
{
        if (writer.pid > 0)
                return root_writer_put(&writer, (size_t)index, data, len);
        return atomic_write_file(path, data, len, 0644);
}

/* The map of what this audit found, from the same inventory and findings
 * (map_output.c replaces the file atomically). */
static void audit_map(const struct options *opt, const struct check_result *res,
                      const struct inventory *inv)
{
        struct map_host host = { .name = res->host, .inv = inv, .findings = &res->findings };
        struct map_model m = { .hosts = &host, .n_hosts = 1 };
        char stamp[64];
        int r;

        map_output_timestamp(stamp, sizeof(stamp));
        m.generated = stamp;
        if (writer.pid > 0 && map_to_file(opt)) {
                char *text = NULL;
                size_t len = 0;

                if ((r = map_output_text(&m, opt->map_format, &text, &len)) == 0)
                        r = put_file(OUT_MAP, opt->map_file, text, len);
                free(text);
        } else {
                r = map_output_write(opt->map_file, &m, opt->map_format);
        }
        if (r < 0) {
                fprintf(stderr, "vnetaudit: --map %s: cannot write: %s\n", opt->map_file, strerror(-r));
                map_failed = 1;
        }
}

/* --metrics: the document for a successful run, made while the findings
 * are at hand (audit_run frees them). */
static char *metrics_ok;
/* --export: the inventory the audit read before it probed (as root when
 * started so; gathered again afterwards it might see less). */
static char *export_ok;
static size_t export_ok_len;

/* What `check` finds, probes included.  Warnings that are not findings
 * would break the audit's silence on every run: only with -v. */
static int audit_collect(const struct options *opt, struct finding_list *ret, struct audit_facts *facts)
{
        struct options o = *opt;
        struct check_result res;
        struct inventory inv;
        char *errtext = NULL;
        size_t errlen = 0;
        FILE *err = stderr;
        int status;

        if (!o.verbose)
                o.quiet = true;
        /* --nagios: why the check failed goes into UNKNOWN's line too */
        if (opt->nagios && !(err = open_memstream(&errtext, &errlen)))
                return EX_OSERR;
        inventory_init(&inv);
        status = cmd_check_run(&o, &res, &inv, err);
        if (err != stderr) {
                size_t n = 0;

                fclose(err);
                fputs(errtext ? errtext : "", stderr);
                /* every line, joined with "; ", without the program name */
                for (char *line = errtext, *next; line && *line; line = next) {
                        next = strchr(line, '\n');
                        if (next)
                                *next++ = '\0';
                        if (strncmp(line, "vnetaudit: ", 11) == 0)
                                line += 11;
                        if (*line && n < sizeof(facts->reason))
                                n += (size_t)snprintf(facts->reason + n, sizeof(facts->reason) - n,
                                                      "%s%s", n ? "; " : "", line);
                }
                free(errtext);
        }
        if (status == 0) {
                if (o.map_file)
                        audit_map(&o, &res, &inv);
                if (opt->metrics_file) {
                        struct audit_metrics m = { .success = true, .timestamp = (long long)time(NULL),
                                                   .probe_seconds = res.probes.seconds,
                                                   .n_networks = res.n_networks, .findings = &res.findings };

                        free(metrics_ok);
                        metrics_ok = audit_metrics_text(&m);
                }
                if (opt->export_dir) {
                        free(export_ok);
                        export_ok = NULL;
                        (void)audit_export_doc(&inv, &export_ok, &export_ok_len);   /* else gathered again */
                }
                *ret = res.findings;
                res.findings = (struct finding_list){ 0 };
                facts->n_networks = res.n_networks;
                facts->probe_seconds = res.probes.ran ? res.probes.seconds : 0;
        }
        check_result_free(&res);
        inventory_free(&inv);
        return status;
}

/* --export and --metrics after the audit: their failure is the run's
 * failure (73) unless the audit itself already failed. */
static int write_outputs(const struct options *opt, int status)
{
        char msg[512];
        int r;

        if (opt->export_dir) {
                char *text = export_ok;
                size_t len = export_ok_len;

                r = text ? 0 : audit_export_text(opt, &text, &len, NULL, msg, sizeof(msg));
                if (r == 0 && (r = put_file(OUT_EXPORT, export_path, text, len)) < 0)
                        snprintf(msg, sizeof(msg), "cannot write %s: %s", export_path, strerror(-r));
                free(text);
                export_ok = NULL;
                if (r < 0) {
                        fprintf(stderr, "vnetaudit: --export: %s\n", msg);
                        status = status >= EX__BASE ? status : EX_CANTCREAT;
                }
        }
        if (opt->metrics_file) {
                struct audit_metrics failed = { .timestamp = (long long)time(NULL) };
                bool ok = status < EX__BASE && metrics_ok;
                char *text = ok ? metrics_ok : audit_metrics_text(&failed);

                r = text ? put_file(OUT_METRICS, opt->metrics_file, text, strlen(text)) : -ENOMEM;
                if (r < 0) {
                        fprintf(stderr, "vnetaudit: --metrics %s: %s\n", opt->metrics_file, strerror(-r));
                        status = status >= EX__BASE ? status : EX_CANTCREAT;
                }
                if (text != metrics_ok)
                        free(text);
                free(metrics_ok);
                metrics_ok = NULL;
        }
        return status;
}

int cmd_audit(const struct options *opt)
{
        struct options o = *opt;
        struct config_pass conf;
        int status;

        if (opt->n_args) {
                fprintf(stderr, "vnetaudit: audit takes no operands ('%s')\n", opt->args[0]);
                return EX_USAGE;
        }
        if ((opt->nagios_warning || opt->nagios_critical) && !opt->nagios) {
                fprintf(stderr, "vnetaudit: -w and -c are thresholds of --nagios\n");
                return EX_USAGE;
        }
        /* vnetaudit.conf, read once for the whole run: mail settings and the
         * state directory where the command line gave none; the check
         * reuses it (and reports a bad file). */
        (void)config_pass_run(&conf, &o);
        /* DIR/HOST.json is named now, by root, like the other two. */
        if (o.export_dir) {
                char *host = NULL, *mid = NULL;

                if (host_identity_read(o.root, &host, &mid) == 0)
                        export_path = audit_export_path(o.export_dir, host);
                free(host);
                free(mid);
                if (!export_path) {
                        fprintf(stderr, "vnetaudit: out of memory\n");
                        config_pass_free(&conf);
                        return EX_OSERR;
                }
        }
        if ((status = start_writer(&o)) < 0) {
                fprintf(stderr, "vnetaudit: cannot start the output writer: %s\n", strerror(-status));
                free(export_path);
                config_pass_free(&conf);
                return EX_OSERR;
        }
        status = audit_run(&o, audit_collect, stdout, stderr);
        if (o.export_dir || o.metrics_file)
                status = write_outputs(&o, status);
        root_writer_stop(&writer);
        free(export_path);
        export_path = NULL;
        config_pass_free(&conf);
        /* A map that could not be refreshed turns 0 or 1 into 73; it never
         * hides conflicts (2) and leaves --nagios's status line alone. */
        if (map_failed && !o.nagios && status < EXIT_CONFLICTS)
                status = EX_CANTCREAT;
        return status;
}
