/*
 * vmw_locations.c - the legacy installer database.  Only the answers matter
 * to vnetaudit; the installer's file list (file, directory, remove_file, ...)
 * is skipped without noise.  Values run to the end of the line and may hold
 * blanks and '#', so only whole-line comments are comments here.
 */
#include <errno.h>
#include <string.h>

#include "vmw_locations.h"
#include "xalloc.h"

static bool word_is(const char *p, size_t len, const char *s)
{
        return strlen(s) == len && memcmp(p, s, len) == 0;
}

/* Bookkeeping commands of the installer database. */
static const char *const skipped[] = {
        "file", "directory", "remove_file", "remove_directory", "link", "remove_link",
        "symlink", "remove_symlink", "module", "remove_module", "cleanup", NULL,
};

static int one_line(struct vmw_locations *loc, struct vmw_line *l, const char *file,
                    struct diag_list *diags)
{
        _cleanup_free_ char *key = NULL, *value = NULL;
        const char *cp, *kp;
        size_t cl, kl;
        bool remove;

        vmw_line_trim(l, false);
        if (!l->len || l->p[0] == '#')
                return 0;
        vmw_line_word(l, &cp, &cl);
        for (size_t i = 0; skipped[i]; i++)
                if (word_is(cp, cl, skipped[i]))
                        return 0;
        if (word_is(cp, cl, "answer"))
                remove = false;
        else if (word_is(cp, cl, "remove_answer"))
                remove = true;
        else
                return diag_add(diags, file, l->no, SEV_WARNING, "unknown command \"%.*s\"",
                                (int)(cl > 64 ? 64 : cl), cp);
        if (!vmw_line_word(l, &kp, &kl))
                return diag_add(diags, file, l->no, SEV_ERROR, "%s: missing key",
                                remove ? "remove_answer" : "answer");
        if (!(key = vmw_strndup(kp, kl)))
                return -ENOMEM;
        if (remove) {
                vmw_answers_remove(&loc->answers, key);
                return 0;
        }
        if (!(value = vmw_strndup(l->p, l->len)))
                return -ENOMEM;
        return vmw_answers_set(&loc->answers, key, value, l->no);
}

int vmw_locations_parse(const char *buf, size_t size, const char *file,
                        struct vmw_locations *ret, struct diag_list *diags)
{
        struct vmw_line l = { 0 };
        size_t pos = 0, first_diag = diags->n;
        int r;

        *ret = (struct vmw_locations){ 0 };
        while (vmw_line_next(buf, size, &pos, &l))
                if ((r = one_line(ret, &l, file, diags)) < 0)
                        return r;
        r = vmw_vnets_build(&ret->answers, file, &ret->vnets, diags);
        vmw_diags_sort(diags, first_diag);
        return r;
}

void vmw_locations_free(struct vmw_locations *l)
{
        if (!l)
                return;
        vmw_answers_free(&l->answers);
        vmw_vnets_free(&l->vnets);
        *l = (struct vmw_locations){ 0 };
}
