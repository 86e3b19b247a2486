/*
 * test_audit.c - the audit layer: state codec and file handling (atomic
 * write, mode, symbolic links refused, corrupt = first run), diff by key,
 * mail composition against injection, the nagios line, and the whole
 * audit_run flow with an in-test findings source and a sendmail stand-in.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "audit_diff.h"
#include "audit_report.h"
#include "audit_run.h"
#include "audit_state.h"
#include "check_main.h"
#include "mail.h"
#include "nagios.h"

static char tmpdir[] = "/tmp/vnetaudit-ut.XXXXXX";

static void setup(void)
{
        ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
        char cmd[128];

        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
        ck_assert_int_eq(system(cmd), 0);
        strcpy(tmpdir, "/tmp/vnetaudit-ut.XXXXXX");
}

static struct finding *add(struct finding_list *l, enum finding_code c, enum severity s,
                           const char *msg, const char *net1, const char *net2, const char *addr)
{
        struct finding *f = finding_add(l, c, s, msg, "renumber one of them");

        ck_assert_ptr_nonnull(f);
        if (net1)
                ck_assert_int_eq(finding_add_network(f, net1), 0);
        if (net2)
                ck_assert_int_eq(finding_add_network(f, net2), 0);
        if (addr)
                ck_assert_int_eq(finding_add_address(f, addr), 0);
        return f;
}

static char *slurp(const char *path, size_t *len)
{
        FILE *f = fopen(path, "rb");
        char *buf = NULL;
        size_t n = 0;

        if (!f)
                return NULL;
        buf = malloc(1 << 20);
        n = fread(buf, 1, (1 << 20) - 1, f);
        buf[n] = '\0';
        fclose(f);
        if (len)
                *len = n;
        return buf;
}

static void spew(const char *path, const char *s, size_t n)
{
        FILE *f = fopen(path, "wb");

        ck_assert_ptr_nonnull(f);
        ck_assert_uint_eq(fwrite(s, 1, n, f), n);
        ck_assert_int_eq(fclose(f), 0);
}

/* ---- state codec ---------------------------------------------------- */

START_TEST(state_roundtrip_any_bytes)
{
        struct finding_list l = { 0 };
        struct audit_state s = { 0 }, t = { 0 };
        char *buf, *buf2;
        size_t len, len2;

        add(&l, F_SUBNET_OVERLAP, SEV_ERROR, "vmnet1\tand\nvirbr0\\x41 \x01\xff overlap",
            "vmware:vm\nnet1", "libvirt:d\xe9\tfault", "192.168.56.0/24");
        add(&l, F_DHCP_CONFIG_STALE, SEV_WARNING, "", "vmware:vmnet8", NULL, NULL);
        ck_assert_int_eq(audit_state_from_findings(&l, 1700000000, &s), 0);
        ck_assert_uint_eq(s.n, 2);
        ck_assert_int_eq(audit_state_format(&s, &buf, &len), 0);
        /* Every line is one record: the newline in a name did not split it. */
        ck_assert_ptr_null(memchr(buf, '\r', len));
        ck_assert_int_eq(audit_state_parse(buf, len, &t), 0);
        ck_assert_uint_eq(t.n, 2);
        ck_assert_int_eq(t.written, 1700000000);
        for (size_t i = 0; i < 2; i++) {
                ck_assert_str_eq(t.v[i].key, s.v[i].key);
                ck_assert_str_eq(t.v[i].message, s.v[i].message);
                ck_assert_int_eq(t.v[i].code, s.v[i].code);
                ck_assert_int_eq(t.v[i].severity, s.v[i].severity);
        }
        ck_assert_int_eq(audit_state_format(&t, &buf2, &len2), 0);
        ck_assert_uint_eq(len, len2);
        ck_assert_mem_eq(buf, buf2, len);
        free(buf);
        free(buf2);
        audit_state_free(&s);
        audit_state_free(&t);
        finding_list_free(&l);
}
END_TEST

START_TEST(state_parse_rejects)
{
        static const char *const bad[] = {
                "",
                "vnetaudit-state 1\n",                                  /* no end */
                "vnetaudit-state 1\nwritten 5\nend 1\n",                /* count */
                "vnetaudit-state 1\nend 0",                             /* torn line */
                "vnetaudit-state 1\nend 0\nfinding error\tx\tk\tm\n",   /* after end */
                "vnetaudit-state 2\nend 0\n",
                "vnetaudit-state 1\nfinding bogus\tx\tk\tm\nend 1\n",
                "vnetaudit-state 1\nfinding error\tx\tk\nend 1\n",
                "vnetaudit-state 1\nfinding error\tx\tk\tm\tz\nend 1\n",
                "vnetaudit-state 1\nfinding error\tx\t\tm\nend 1\n",
                "vnetaudit-state 1\nfinding error\tx\tk\\x0\tm\nend 1\n",
                "vnetaudit-state 1\nfinding error\tx\tk\\x00\tm\nend 1\n",
                "vnetaudit-state 1\nfinding error\tx\tk\\y41\tm\nend 1\n",
                "vnetaudit-state 1\nfinding error\tx\tk\x01\tm\nend 1\n",
                "vnetaudit-state 1\nend 99999999999999999999999\n",
                "vnetaudit-state 1\nend -1\n",
                "vnetaudit-state 1\nwritten x\nend 0\n",
                "garbage",
                "vnetaudit-state 1\nfinding error\tx\tk\tm\nfinding info\ty\tk\tn\nend 2\n",
        };
        struct audit_state s;

        for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
                ck_assert_msg(audit_state_parse(bad[i], strlen(bad[i]), &s) == -EBADMSG,
                              "accepted bad state #%zu", i);
        ck_assert_int_eq(audit_state_parse("vnetaudit-state 1\nend 0\n", 24, &s), 0);
        ck_assert_uint_eq(s.n, 0);
        audit_state_free(&s);
        /* An unknown code (a newer version wrote it) is kept, not refused. */
        {
                const char *ok = "vnetaudit-state 1\nwritten 3\nfinding warning\tfuture-code\tk1\tm\\x0a\nend 1\n";

                ck_assert_int_eq(audit_state_parse(ok, strlen(ok), &s), 0);
                ck_assert_int_eq(s.v[0].code, -1);
                ck_assert_str_eq(s.v[0].code_name, "future-code");
                ck_assert_str_eq(s.v[0].message, "m\n");
                audit_state_free(&s);
        }
}
END_TEST

/* ---- state on disk -------------------------------------------------- */

static int open_dir(void)
{
        int fd;

        ck_assert_int_eq(audit_state_open_dir(tmpdir, &fd), 0);
        return fd;
}

START_TEST(state_save_load_mode)
{
        struct finding_list l = { 0 };
        struct audit_state s = { 0 }, t = { 0 };
        char path[256];
        struct stat sb;
        bool first, corrupt;
        int dfd = open_dir(), lfd;

        ck_assert_int_eq(audit_state_lock(dfd, true, 1000, &lfd), 0);
        ck_assert_int_eq(audit_state_load(dfd, &t, &first, &corrupt), 0);
        ck_assert(first);
        ck_assert(!corrupt);
        add(&l, F_SUBNET_OVERLAP, SEV_ERROR, "overlap", "vmware:vmnet1", "libvirt:default", NULL);
        ck_assert_int_eq(audit_state_from_findings(&l, 42, &s), 0);
        umask(0);       /* the file is 0600 whatever the umask */
        ck_assert_int_eq(audit_state_save(dfd, &s), 0);
        umask(022);
        snprintf(path, sizeof(path), "%s/state", tmpdir);
        ck_assert_int_eq(lstat(path, &sb), 0);
        ck_assert(S_ISREG(sb.st_mode));
        ck_assert_int_eq(sb.st_mode & 07777, 0600);
        snprintf(path, sizeof(path), "%s/state.tmp", tmpdir);
        ck_assert_int_eq(access(path, F_OK), -1);
        ck_assert_int_eq(audit_state_load(dfd, &t, &first, &corrupt), 0);
        ck_assert(!first);
        ck_assert_uint_eq(t.n, 1);
        ck_assert_int_eq(t.written, 42);
        audit_state_free(&s);
        audit_state_free(&t);
        finding_list_free(&l);
        close(lfd);
        close(dfd);
}
END_TEST

START_TEST(state_leftover_tmp_replaced)
{
        struct audit_state s = { 0 }, t = { 0 };
        char path[256], target[256];
        bool first, corrupt;
        int dfd = open_dir();

        /* A killed run's temp file, and a planted symlink as temp file:
         * neither is followed nor kept. */
        snprintf(target, sizeof(target), "%s/victim", tmpdir);
        spew(target, "precious\n", 9);
        snprintf(path, sizeof(path), "%s/state.tmp", tmpdir);
        ck_assert_int_eq(symlink(target, path), 0);
        ck_assert_int_eq(audit_state_save(dfd, &s), 0);
        {
                char *v = slurp(target, NULL);

                ck_assert_str_eq(v, "precious\n");
                free(v);
        }
        ck_assert_int_eq(audit_state_load(dfd, &t, &first, &corrupt), 0);
        ck_assert(!first);
        audit_state_free(&t);
        close(dfd);
}
END_TEST

START_TEST(state_symlink_refused)
{
        struct audit_state t;
        char path[256], target[256];
        bool first, corrupt;
        int dfd = open_dir();

        snprintf(target, sizeof(target), "%s/elsewhere", tmpdir);
        spew(target, "vnetaudit-state 1\nend 0\n", 24);
        snprintf(path, sizeof(path), "%s/state", tmpdir);
        ck_assert_int_eq(symlink(target, path), 0);
        ck_assert_int_eq(audit_state_load(dfd, &t, &first, &corrupt), -ELOOP);
        close(dfd);

        /* The directory itself as a symlink, and a symlinked lock file. */
        snprintf(path, sizeof(path), "%s/linkdir", tmpdir);
        ck_assert_int_eq(symlink(tmpdir, path), 0);
        ck_assert_int_eq(audit_state_open_dir(path, &dfd), -ELOOP);
        ck_assert_int_eq(mkdir(strcat(strcpy(path, tmpdir), "/d2"), 0700), 0);
        ck_assert_int_eq(symlink(target, strcat(path, "/lock")), 0);
        ck_assert_int_eq(audit_state_open_dir(strcat(strcpy(path, tmpdir), "/d2"), &dfd), 0);
        {
                int lfd;

                ck_assert_int_eq(audit_state_lock(dfd, true, 100, &lfd), -ELOOP);
        }
        close(dfd);
}
END_TEST

START_TEST(state_empty_and_corrupt_are_first_run)
{
        struct audit_state t;
        char path[256];
        bool first, corrupt;
        int dfd = open_dir();

        snprintf(path, sizeof(path), "%s/state", tmpdir);
        spew(path, "", 0);
        ck_assert_int_eq(audit_state_load(dfd, &t, &first, &corrupt), 0);
        ck_assert(first);
        ck_assert(!corrupt);
        spew(path, "vnetaudit-state 1\nfinding error\tsubnet-overlap\tk", 47);
        ck_assert_int_eq(audit_state_load(dfd, &t, &first, &corrupt), 0);
        ck_assert(first);
        ck_assert(corrupt);
        ck_assert_uint_eq(t.n, 0);
        spew(path, "\xff\x00\x01 random", 10);
        ck_assert_int_eq(audit_state_load(dfd, &t, &first, &corrupt), 0);
        ck_assert(first && corrupt);
        /* A directory where the file should be is an error, not a crash. */
        unlink(path);
        ck_assert_int_eq(mkdir(path, 0700), 0);
        ck_assert_int_lt(audit_state_load(dfd, &t, &first, &corrupt), 0);
        close(dfd);
}
END_TEST

START_TEST(state_lock_excludes)
{
        int dfd = open_dir(), l1, l2;
        pid_t pid;
        int status;

        ck_assert_int_eq(audit_state_lock(dfd, true, 100, &l1), 0);
        /* flock is per open file description: another process must wait. */
        pid = fork();
        ck_assert_int_ge(pid, 0);
        if (pid == 0) {
                int d2, r;

                audit_state_open_dir(tmpdir, &d2);
                r = audit_state_lock(d2, true, 200, &l2);
                _exit(r == -ETIMEDOUT ? 0 : 1);
        }
        ck_assert_int_eq(waitpid(pid, &status, 0), pid);
        ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        close(l1);
        ck_assert_int_eq(audit_state_lock(dfd, false, 100, &l2), 0);
        close(l2);
        close(dfd);
}
END_TEST

/* ---- diff ------------------------------------------------------------ */

START_TEST(diff_new_resolved_unchanged)
{
        struct finding_list a = { 0 }, b = { 0 };
        struct audit_state old = { 0 };
        struct audit_diff d;

        add(&a, F_SUBNET_OVERLAP, SEV_ERROR, "A", "vmware:vmnet1", "libvirt:default", "10.0.0.0/24");
        add(&a, F_DHCP_CONFIG_STALE, SEV_WARNING, "B", "vmware:vmnet8", NULL, NULL);
        ck_assert_int_eq(audit_state_from_findings(&a, 1, &old), 0);

        /* Same conflict, networks in the other order and new wording: unchanged. */
        add(&b, F_SUBNET_OVERLAP, SEV_ERROR, "A reworded", "libvirt:default", "vmware:vmnet1", "10.0.0.0/24");
        add(&b, F_ADDRESS_IN_USE, SEV_ERROR, "C", "vmware:vmnet6", NULL, "192.168.6.1");
        add(&b, F_ADDRESS_IN_USE, SEV_ERROR, "C twice", "vmware:vmnet6", NULL, "192.168.6.1");
        ck_assert_int_eq(audit_diff_compute(&old, &b, &d), 0);
        ck_assert_uint_eq(d.n_unchanged, 1);
        ck_assert_uint_eq(d.n_added, 1);
        ck_assert_str_eq(d.added[0]->message, "C");
        ck_assert_uint_eq(d.added_by_sev[SEV_ERROR], 1);
        ck_assert_uint_eq(d.n_resolved, 1);
        ck_assert_str_eq(d.resolved[0]->message, "B");
        ck_assert_uint_eq(d.resolved_by_sev[SEV_WARNING], 1);
        ck_assert(audit_diff_changed(&d));
        audit_diff_free(&d);

        /* Against itself: nothing changed. */
        audit_state_free(&old);
        ck_assert_int_eq(audit_state_from_findings(&b, 1, &old), 0);
        ck_assert_int_eq(audit_diff_compute(&old, &b, &d), 0);
        ck_assert(!audit_diff_changed(&d));
        ck_assert_uint_eq(d.n_unchanged, 2);
        audit_diff_free(&d);
        audit_state_free(&old);

        /* First run: all new. */
        ck_assert_int_eq(audit_diff_compute(&old, &b, &d), 0);
        ck_assert_uint_eq(d.n_added, 2);
        ck_assert_uint_eq(d.n_resolved, 0);
        audit_diff_free(&d);
        finding_list_free(&a);
        finding_list_free(&b);
}
END_TEST

/* ---- mail ------------------------------------------------------------- */

static bool header_lines_ok(const char *msg)
{
        /* Up to the blank line: every line starts with a known header name
         * or is a fold (starts with a space); no control bytes but LF. */
        static const char *const names[] = { "To: ", "From: ", "Subject: ", "Date: ", "Message-ID: ",
                                              "Auto-Submitted: ", "MIME-Version: ", "Content-Type: ",
                                              "Content-Transfer-Encoding: " };
        const char *p = msg;

        while (*p && *p != '\n') {
                const char *nl = strchr(p, '\n');
                bool known = *p == ' ';

                if (!nl)
                        return false;
                for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                        known |= strncmp(p, names[i], strlen(names[i])) == 0;
                if (!known || nl - p > 998)
                        return false;
                for (const char *q = p; q < nl; q++)
                        if ((unsigned char)*q < 0x20 || *q == 0x7f || (unsigned char)*q >= 0x80)
                                return false;
                p = nl + 1;
        }
        return *p == '\n';
}

START_TEST(mail_injection)
{
        const char *to[] = { "root", "ops@example.org" };
        const size_t added[3] = { 0, 1, 2 };
        char *subject = mail_subject(added, 1, "host\r\nBcc: evil@example.com\x1b[31m");
        char *msg;
        size_t len;
        struct mail_message m = {
                .to = to, .n_to = 2, .from = "root@host",
                .host = "host\nBcc: x@y",
                .subject = subject,
                .body = "net vm\rnet1\nBcc: evil@example.com\n\xff\xfe bad\x01\n.\n",
                .date = 1700000000,
        };

        ck_assert_ptr_nonnull(subject);
        ck_assert_int_eq(mail_compose(&m, &msg, &len), 0);
        ck_assert(header_lines_ok(msg));
        ck_assert_ptr_null(memmem(msg, (size_t)(strstr(msg, "\n\n") - msg), "\nBcc:", 5));
        ck_assert_ptr_nonnull(strstr(msg, "Subject: vnetaudit: 2 new errors, 1 new warning, 1 resolved on host Bcc: evil@example.com [31m\n"));
        ck_assert_ptr_nonnull(strstr(msg, "To: root,\n ops@example.org\n"));
        ck_assert_ptr_nonnull(strstr(msg, "From: vnetaudit <root@host>\n"));
        ck_assert_ptr_nonnull(strstr(msg, "Auto-Submitted: auto-generated\n"));
        ck_assert_ptr_nonnull(strstr(msg, "Content-Type: text/plain; charset=UTF-8\n"));
        ck_assert_ptr_nonnull(strstr(msg, "@vnetaudit.invalid>\n"));   /* bad host: not in Message-ID */
        /* The body keeps its lines but not the CR, the control or bad bytes. */
        ck_assert_ptr_nonnull(strstr(msg, "\n\nnet vm\nnet1\nBcc: evil@example.com\n\xef\xbf\xbd\xef\xbf\xbd bad?\n.\n"));
        ck_assert_ptr_null(memchr(msg, '\r', len));
        free(msg);
        free(subject);
}
END_TEST

START_TEST(mail_nonascii_subject_encoded)
{
        const char *to[] = { "root" };
        const size_t added[3] = { 0, 0, 1 };
        char *subject = mail_subject(added, 0, "m\xc3\xbcnchen-\xe6\x9c\x8d\xe5\x8a\xa1\xe5\x99\xa8-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        char *msg, *s, *e;
        size_t len;
        struct mail_message m = { .to = to, .n_to = 1, .host = "m", .subject = subject, .body = "x", .date = 0 };

        ck_assert_int_eq(mail_compose(&m, &msg, &len), 0);
        ck_assert(header_lines_ok(msg));
        s = strstr(msg, "Subject: =?UTF-8?B?");
        ck_assert_ptr_nonnull(s);
        /* Several encoded words, each at most 75 characters. */
        for (char *w = strstr(s, "=?"); w; w = strstr(e, "=?")) {
                e = strstr(w + 10, "?=");
                ck_assert_ptr_nonnull(e);
                ck_assert_int_le(e + 2 - w, 75);
                e += 2;
                if (*e == '\n' && e[1] != ' ')
                        break;
        }
        free(msg);
        free(subject);
}
END_TEST

START_TEST(mail_addresses)
{
        const char *bad_to[] = { "a\nb@c", "-oQ/tmp", "", "a b@c", "a@b@c", "a@-b_c", "a@", "@b", "a..b@c",
                                 "a@b\r", "\xc3\xa4@b" };
        const char *good[] = { "root", "ops@example.org", "first.last+tag@mail.example.co.uk" };
        struct mail_message m = { .to = bad_to, .n_to = sizeof(bad_to) / sizeof(bad_to[0]), .subject = "s", .body = "b" };
        char *msg;
        size_t len;

        for (size_t i = 0; i < sizeof(bad_to) / sizeof(bad_to[0]); i++)
                ck_assert_msg(!mail_address_valid(bad_to[i]), "accepted '%s'", bad_to[i]);
        for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
                ck_assert_msg(mail_address_valid(good[i]), "refused '%s'", good[i]);
        ck_assert_int_eq(mail_compose(&m, &msg, &len), -EINVAL);
}
END_TEST

START_TEST(mail_body_lines)
{
        char *raw = malloc(3000), *b;

        memset(raw, 'x', 2999);
        raw[2999] = '\0';
        b = mail_body_text(raw);
        for (char *p = b, *nl; (nl = strchr(p, '\n')); p = nl + 1)
                ck_assert_int_le(nl - p, 998);
        free(b);
        free(raw);
        b = mail_header_text("  a\t\tb\r\n c  ", 100);
        ck_assert_str_eq(b, "a b c");
        free(b);
        /* C1 controls and U+2028 are controls too; cut on a character boundary. */
        b = mail_header_text("a\xc2\x85" "b\xe2\x80\xa8" "c\xc3\xa4\xc3\xa4", 7);
        ck_assert_str_eq(b, "a b c\xc3\xa4");
        free(b);
        b = mail_header_text("a\xc2\x85" "b\xe2\x80\xa8" "c\xc3\xa4\xc3\xa4", 6);
        ck_assert_str_eq(b, "a b c");
        free(b);
        /* overlong, surrogate and truncated bytes: '?' each in a header,
         * U+FFFD each in the body (textesc.c's decoder) */
        b = mail_header_text("a\xc0\xaf" "b\xed\xa0\x80" "c\xe2\x82", 100);
        ck_assert_str_eq(b, "a??b???c??");
        free(b);
        b = mail_body_text("\xc0\xaf\xe2\x82");
        ck_assert_str_eq(b, "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\n");
        free(b);
}
END_TEST

static char *write_script(const char *name, const char *body)
{
        char *path;

        ck_assert_int_ge(asprintf(&path, "%s/%s", tmpdir, name), 0);
        spew(path, body, strlen(body));
        ck_assert_int_eq(chmod(path, 0755), 0);
        return path;
}

START_TEST(mail_send_paths)
{
        char *ok = write_script("sm-ok", "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$0.argv\"\ncat > \"$0.msg\"\n");
        char *bad = write_script("sm-fail", "#!/bin/sh\ncat >/dev/null\nexit 75\n");
        char *quick = write_script("sm-quick", "#!/bin/sh\nexit 0\n");
        char *why = NULL, *argv_path, *got;
        static char big[1 << 20];

        ck_assert_int_eq(mail_send(ok, "To: root\n\nhello\n", 16, &why), 0);
        ck_assert_ptr_null(why);
        ck_assert_int_ge(asprintf(&argv_path, "%s.argv", ok), 0);
        got = slurp(argv_path, NULL);
        ck_assert_str_eq(got, "-t\n-oi\n");
        free(got);
        free(argv_path);
        ck_assert_int_eq(mail_send(bad, "x", 1, &why), -EIO);
        ck_assert_ptr_nonnull(strstr(why, "exited with status 75"));
        free(why);
        ck_assert_int_eq(mail_send("/nonexistent/sendmail", "x", 1, &why), -ENOENT);
        ck_assert_ptr_nonnull(strstr(why, "cannot execute"));
        free(why);
        /* Started with standard input closed (cron and systemd never do that,
         * a shell's "<&-" does): the pipe's read end is then descriptor 0. */
        {
                int saved = dup(0);

                ck_assert_int_ge(saved, 0);
                close(0);
                ck_assert_int_eq(mail_send(ok, "To: root\n\nstdin\n", 16, &why), 0);
                ck_assert_ptr_null(why);
                dup2(saved, 0);
                close(saved);
                ck_assert_int_ge(asprintf(&argv_path, "%s.msg", ok), 0);
                got = slurp(argv_path, NULL);
                ck_assert_str_eq(got, "To: root\n\nstdin\n");
                free(got);
                free(argv_path);
        }
        /* A sendmail that exits without reading: no SIGPIPE death, reported. */
        memset(big, 'a', sizeof(big));
        ck_assert_int_eq(mail_send(quick, big, sizeof(big), &why), -EPIPE);
        free(why);
        free(ok);
        free(bad);
        free(quick);
}
END_TEST

/* ---- nagios --------------------------------------------------------- */

static struct finding_list nagios_list(size_t errors, size_t warnings, size_t infos)
{
        struct finding_list l = { 0 };
        char net[48];

        for (size_t i = 0; i < errors; i++) {
                snprintf(net, sizeof(net), "vmware:vmnet%zu", i + 1);
                add(&l, F_SUBNET_OVERLAP, SEV_ERROR, "overlap | with\nnewline", net, "libvirt:lab", NULL);
        }
        for (size_t i = 0; i < warnings; i++)
                add(&l, F_DHCP_CONFIG_STALE, SEV_WARNING, "stale", "vmware:vmnet8", NULL, NULL);
        for (size_t i = 0; i < infos; i++)
                add(&l, F_DHCP_CONFIG_STALE, SEV_INFO, "note", "vmware:vmnet9", NULL, NULL);
        finding_list_sort(&l);
        return l;
}

START_TEST(nagios_lines)
{
        struct finding_list l = nagios_list(4, 1, 0);
        struct nagios_report r = { .findings = &l, .added = 1, .n_networks = 7, .probe_seconds = 1.0 };
        char *t = nagios_text(&r);

        /* the worst networks, at most three named */
        ck_assert_str_eq(t, "VNETAUDIT CRITICAL - 4 errors, 1 warning: vmware:vmnet1, libvirt:lab, vmware:vmnet2 "
                            "and 2 more | errors=4;;0;0 warnings=1;0;;0 infos=0;;;0 networks=7;;;0 "
                            "probe_seconds=1.000s;;;0 new=1;;;0 resolved=0;;;0\n"
                            "error subnet-overlap: overlap / with newline\n"
                            "error subnet-overlap: overlap / with newline\n"
                            "error subnet-overlap: overlap / with newline\n"
                            "error subnet-overlap: overlap / with newline\n"
                            "warning dhcp-config-stale: stale\n");
        ck_assert_int_eq(nagios_status_of(&r), NAGIOS_CRITICAL);
        free(t);
        finding_list_free(&l);

        l = nagios_list(0, 3, 1);
        r.findings = &l;
        t = nagios_text(&r);
        ck_assert_ptr_nonnull(strstr(t, "VNETAUDIT WARNING - 3 warnings: vmware:vmnet8 |"));
        ck_assert_int_eq(nagios_status_of(&r), NAGIOS_WARNING);
        free(t);
        finding_list_free(&l);

        l = nagios_list(0, 0, 2);
        r.findings = &l;
        t = nagios_text(&r);
        ck_assert_ptr_nonnull(strstr(t, "VNETAUDIT OK - no errors or warnings in 7 networks |"));
        ck_assert_ptr_nonnull(strstr(t, "\ninfo dhcp-config-stale: note\n"));
        ck_assert_int_eq(nagios_status_of(&r), NAGIOS_OK);
        free(t);
        finding_list_free(&l);

        t = nagios_unknown_line("state a|b\nc");
        ck_assert_str_eq(t, "VNETAUDIT UNKNOWN - state a/b c\n");
        free(t);
}
END_TEST

START_TEST(nagios_thresholds)
{
        struct nagios_range w, c;
        struct finding_list l = nagios_list(2, 3, 0);
        struct nagios_report r = { .findings = &l, .warn = &w, .crit = &c };
        char *t;

        /* the guidelines' range forms */
        ck_assert_int_eq(nagios_range_parse("10", &w), 0);
        ck_assert(!nagios_range_alert(&w, 0) && !nagios_range_alert(&w, 10) && nagios_range_alert(&w, 11));
        ck_assert(nagios_range_alert(&w, -1));
        ck_assert_int_eq(nagios_range_parse("10:", &w), 0);
        ck_assert(nagios_range_alert(&w, 9) && !nagios_range_alert(&w, 1e9));
        ck_assert_int_eq(nagios_range_parse("~:10", &w), 0);
        ck_assert(!nagios_range_alert(&w, -1e9) && nagios_range_alert(&w, 11));
        ck_assert_int_eq(nagios_range_parse("10:20", &w), 0);
        ck_assert(nagios_range_alert(&w, 9) && !nagios_range_alert(&w, 15) && nagios_range_alert(&w, 21));
        ck_assert_int_eq(nagios_range_parse("@10:20", &w), 0);
        ck_assert(!nagios_range_alert(&w, 9) && nagios_range_alert(&w, 15) && nagios_range_alert(&w, 20));
        ck_assert_int_eq(nagios_range_parse("x", &w), -EINVAL);
        ck_assert_int_eq(nagios_range_parse("20:10", &w), -EINVAL);
        ck_assert_int_eq(nagios_range_parse("", &w), -EINVAL);
        ck_assert_int_eq(nagios_range_parse("1:2:3", &w), -EINVAL);
        ck_assert_int_eq(nagios_range_parse("nan", &w), -EINVAL);

        /* 2 errors, 3 warnings */
        ck_assert_int_eq(nagios_range_parse("5", &w), 0);
        ck_assert_int_eq(nagios_range_parse("1", &c), 0);
        ck_assert_int_eq(nagios_status_of(&r), NAGIOS_CRITICAL);      /* 2 errors > 1 */
        ck_assert_int_eq(nagios_range_parse("2", &c), 0);
        ck_assert_int_eq(nagios_status_of(&r), NAGIOS_WARNING);       /* errors tolerated, still a warning */
        t = nagios_text(&r);
        ck_assert_ptr_nonnull(strstr(t, "| errors=2;;2;0 warnings=3;5;;0 "));
        free(t);
        finding_list_free(&l);
        l = nagios_list(0, 3, 0);
        r.findings = &l;
        ck_assert_int_eq(nagios_status_of(&r), NAGIOS_OK);            /* 3 warnings within 0..5 */
        ck_assert_int_eq(nagios_range_parse("2", &w), 0);
        ck_assert_int_eq(nagios_status_of(&r), NAGIOS_WARNING);
        finding_list_free(&l);
}
END_TEST

/* ---- audit_run flow --------------------------------------------------- */

static int scenario;    /* what the fake source finds */

static int collect(const struct options *opt, struct finding_list *ret, struct audit_facts *facts)
{
        (void)opt;
        if (scenario == 9) {
                snprintf(facts->reason, sizeof(facts->reason), "the source failed");
                return 69;
        }
        facts->n_networks = 2;
        facts->probe_seconds = 1.25;
        if (scenario >= 1)
                add(ret, F_SUBNET_OVERLAP, SEV_ERROR, "vmware:vmnet1 192.168.56.0/24 overlaps libvirt:evil",
                    "vmware:vmnet1", "libvirt:ev\nil\r\nBcc: x@example.com", "192.168.56.0/24");
        if (scenario == 2)
                add(ret, F_DHCP_CONFIG_STALE, SEV_WARNING, "stale", "vmware:vmnet8", NULL, NULL);
        return 0;
}

static int run(struct options *o, char **ret_out)
{
        char *buf = NULL;
        size_t n = 0;
        FILE *out = open_memstream(&buf, &n), *err = fopen("/dev/null", "w");
        int st = audit_run(o, collect, out, err);

        fclose(out);
        fclose(err);
        *ret_out = buf;
        return st;
}

static int count_mails(const char *sm)
{
        char *path, *log;
        int n = 0;

        ck_assert_int_ge(asprintf(&path, "%s.log", sm), 0);
        log = slurp(path, NULL);
        free(path);
        for (char *p = log; p && (p = strstr(p, "MAIL\n")); p += 5)
                n++;
        free(log);
        return n;
}

START_TEST(run_flow)
{
        char *sm = write_script("sm", "#!/bin/sh\n[ -e \"$0.fail\" ] && exit 1\n{ echo MAIL; cat; } >> \"$0.log\"\n");
        const char *to[] = { "root" };
        char *state, *out, *failflag;
        struct options o = { .fail_on = FAIL_ON_WARNING, .mail_to = to, .n_mail_to = 1, .sendmail = sm };

        ck_assert_int_ge(asprintf(&state, "%s/state-dir", tmpdir), 0);
        ck_assert_int_ge(asprintf(&failflag, "%s.fail", sm), 0);
        o.state_dir = state;

        scenario = 0;           /* clean host, first run: silence, no mail */
        ck_assert_int_eq(run(&o, &out), 0);
        ck_assert_str_eq(out ? out : "", "");
        free(out);
        ck_assert_int_eq(count_mails(sm), 0);

        scenario = 1;           /* a conflict appears: one mail */
        ck_assert_int_eq(run(&o, &out), 2);
        ck_assert_str_eq(out ? out : "", "");
        free(out);
        ck_assert_int_eq(count_mails(sm), 1);
        ck_assert_int_eq(run(&o, &out), 2);     /* unchanged: no second mail */
        free(out);
        ck_assert_int_eq(count_mails(sm), 1);

        scenario = 2;           /* sendmail fails: reported, state kept */
        spew(failflag, "", 0);
        ck_assert_int_eq(run(&o, &out), 69);
        ck_assert_ptr_nonnull(strstr(out, "New:\n  warning dhcp-config-stale: stale"));
        free(out);
        unlink(failflag);
        ck_assert_int_eq(run(&o, &out), 1 + 1); /* mails the same change again */
        free(out);
        ck_assert_int_eq(count_mails(sm), 2);

        scenario = 0;           /* all resolved: one mail naming both */
        ck_assert_int_eq(run(&o, &out), 0);
        free(out);
        ck_assert_int_eq(count_mails(sm), 3);
        {
                char *p, *log;

                ck_assert_int_ge(asprintf(&p, "%s.log", sm), 0);
                log = slurp(p, NULL);
                ck_assert_ptr_nonnull(strstr(log, "Subject: vnetaudit: 2 resolved on "));
                ck_assert_ptr_nonnull(strstr(log, "Resolved:\n  warning dhcp-config-stale: stale\n  error subnet-overlap: vmware:vmnet1"));
                ck_assert_ptr_null(strstr(log, "\nBcc:"));
                free(log);
                free(p);
        }

        /* Without --mail-to the change goes to stdout; nagios only looks. */
        o.n_mail_to = 0;
        scenario = 1;
        o.nagios = true;
        ck_assert_int_eq(run(&o, &out), 2);
        ck_assert_str_eq(out, "VNETAUDIT CRITICAL - 1 error: vmware:vmnet1, libvirt:ev il  Bcc: x@example.com"
                              " | errors=1;;0;0 warnings=0;0;;0 infos=0;;;0 networks=2;;;0 "
                              "probe_seconds=1.250s;;;0 new=1;;;0 resolved=0;;;0\n"
                              "error subnet-overlap: vmware:vmnet1 192.168.56.0/24 overlaps libvirt:evil\n");
        free(out);
        scenario = 9;
        ck_assert_int_eq(run(&o, &out), 3);
        ck_assert_str_eq(out, "VNETAUDIT UNKNOWN - the source failed\n");
        free(out);
        o.nagios = false;
        scenario = 1;
        ck_assert_int_eq(run(&o, &out), 2);     /* nagios did not advance the state */
        ck_assert_ptr_nonnull(strstr(out, "New:\n  error subnet-overlap"));
        free(out);
        ck_assert_int_eq(run(&o, &out), 2);
        ck_assert_str_eq(out ? out : "", "");
        free(out);
        o.fail_on = FAIL_ON_NEVER;
        ck_assert_int_eq(run(&o, &out), 0);
        free(out);

        /* A source that fails: its status, and the state untouched. */
        scenario = 9;
        ck_assert_int_eq(run(&o, &out), 69);
        free(out);
        free(state);
        free(failflag);
        free(sm);
}
END_TEST

START_TEST(run_refuses_symlinked_state)
{
        char *state, *link_path, *victim, *out;
        struct options o = { .fail_on = FAIL_ON_WARNING };

        ck_assert_int_ge(asprintf(&state, "%s/sd", tmpdir), 0);
        ck_assert_int_eq(mkdir(state, 0700), 0);
        ck_assert_int_ge(asprintf(&victim, "%s/victim", tmpdir), 0);
        spew(victim, "keep me\n", 8);
        ck_assert_int_ge(asprintf(&link_path, "%s/state", state), 0);
        ck_assert_int_eq(symlink(victim, link_path), 0);
        o.state_dir = state;
        scenario = 1;
        ck_assert_int_eq(run(&o, &out), 73);
        free(out);
        {
                char *v = slurp(victim, NULL);

                ck_assert_str_eq(v, "keep me\n");
                free(v);
        }
        o.nagios = true;
        ck_assert_int_eq(run(&o, &out), 3);
        ck_assert_ptr_nonnull(strstr(out, "symbolic link"));
        free(out);
        free(state);
        free(link_path);
        free(victim);
}
END_TEST

START_TEST(report_json_and_text)
{
        struct finding_list l = { 0 };
        struct audit_state old = { 0 };
        struct audit_diff d;
        struct audit_report_ctx ctx = { .host = "h\xff", .first_run = true };
        char *t, *j;

        add(&l, F_SUBNET_OVERLAP, SEV_ERROR, "m\"\x01\xc3", "vmware:vmnet1", NULL, "10.0.0.0/8");
        ck_assert_int_eq(audit_diff_compute(&old, &l, &d), 0);
        t = audit_report_text(&ctx, &d, &l);
        ck_assert_ptr_nonnull(strstr(t, "first audit"));
        ck_assert_ptr_nonnull(strstr(t, "    networks: vmware:vmnet1\n"));
        ck_assert_ptr_nonnull(strstr(t, "error subnet-overlap: m\"\\x01\\xc3\n"));
        ck_assert_ptr_nonnull(strstr(t, "    hint: renumber one of them\n"));
        j = audit_report_json(&ctx, &d, &l);
        ck_assert_ptr_nonnull(strstr(j, "\"host\":\"h\\ufffd\""));
        ck_assert_ptr_nonnull(strstr(j, "\"message\":\"m\\\"\\u0001\\ufffd\""));
        ck_assert_ptr_nonnull(strstr(j, "\"summary\":{\"errors\":1,\"warnings\":0,\"infos\":0}"));
        free(t);
        free(j);
        audit_diff_free(&d);
        finding_list_free(&l);
}
END_TEST

static Suite *audit_suite(void)
{
        Suite *s = suite_create("audit");
        TCase *tc = tcase_create("audit");

        tcase_add_checked_fixture(tc, setup, teardown);
        tcase_add_test(tc, state_roundtrip_any_bytes);
        tcase_add_test(tc, state_parse_rejects);
        tcase_add_test(tc, state_save_load_mode);
        tcase_add_test(tc, state_leftover_tmp_replaced);
        tcase_add_test(tc, state_symlink_refused);
        tcase_add_test(tc, state_empty_and_corrupt_are_first_run);
        tcase_add_test(tc, state_lock_excludes);
        tcase_add_test(tc, diff_new_resolved_unchanged);
        tcase_add_test(tc, mail_injection);
        tcase_add_test(tc, mail_nonascii_subject_encoded);
        tcase_add_test(tc, mail_addresses);
        tcase_add_test(tc, mail_body_lines);
        tcase_add_test(tc, mail_send_paths);
        tcase_add_test(tc, nagios_lines);
        tcase_add_test(tc, nagios_thresholds);
        tcase_add_test(tc, run_flow);
        tcase_add_test(tc, run_refuses_symlinked_state);
        tcase_add_test(tc, report_json_and_text);
        tcase_set_timeout(tc, 30);
        suite_add_tcase(s, tc);
        return s;
}

CHECK_MAIN(audit_suite)
