/*
 * uhttp.c - libcurl over a unix socket (CURLOPT_UNIX_SOCKET_PATH): HTTP
 * only, no redirects, no signals, connect and total timeouts, the body
 * collected into memory up to UHTTP_MAX_BODY.  libcurl's CURLcode is
 * translated to -errno here, at the boundary.
 */
#include <curl/curl.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "uhttp.h"

struct body {
        char *buf;
        size_t len, cap;
        bool too_big;
};

static size_t on_data(char *data, size_t size, size_t nmemb, void *ud)
{
        struct body *b = ud;
        size_t n = size * nmemb;

        if (n > UHTTP_MAX_BODY - b->len) {
                b->too_big = true;
                return 0;       /* aborts the transfer */
        }
        if (b->len + n + 1 > b->cap) {
                size_t cap = b->cap ? b->cap : 16384;
                char *q;

                while (cap < b->len + n + 1)
                        cap *= 2;
                if (!(q = realloc(b->buf, cap)))
                        return 0;
                b->buf = q;
                b->cap = cap;
        }
        memcpy(b->buf + b->len, data, n);
        b->len += n;
        b->buf[b->len] = '\0';
        return n;
}

static int set_error(char **ret_error, int r, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int set_error(char **ret_error, int r, const char *fmt, ...)
{
        va_list ap;

        if (ret_error) {
                va_start(ap, fmt);
                if (vasprintf(ret_error, fmt, ap) < 0)
                        *ret_error = NULL;
                va_end(ap);
        }
        return r;
}

static int curl_errno(CURLcode c, const char *socket_path)
{
        switch (c) {
        case CURLE_OPERATION_TIMEDOUT: return -ETIMEDOUT;
        case CURLE_OUT_OF_MEMORY: return -ENOMEM;
        case CURLE_COULDNT_CONNECT:
                /* libcurl does not say why; the socket's mode does. */
                if (access(socket_path, R_OK | W_OK) < 0 && errno == EACCES)
                        return -EACCES;
                return -ECONNREFUSED;
        default: return -EIO;
        }
}

int uhttp_get(const char *socket_path, const char *path, long timeout_ms, char **ret_body,
              size_t *ret_len, char **ret_error)
{
        static bool inited;
        struct body b = { 0 };
        char errbuf[CURL_ERROR_SIZE] = "", *url = NULL;
        struct stat st;
        long status = 0;
        CURLcode c;
        CURL *h;
        int r;

        *ret_body = NULL;
        *ret_len = 0;
        if (ret_error)
                *ret_error = NULL;
        if (stat(socket_path, &st) < 0)
                return set_error(ret_error, -errno, "%s: %s", socket_path, strerror(errno));
        if (!S_ISSOCK(st.st_mode))
                return set_error(ret_error, -ENOTSOCK, "%s: not a socket", socket_path);
        if (!inited) {
                /* No TLS or other global state is needed for plain HTTP. */
                if (curl_global_init(CURL_GLOBAL_NOTHING) != CURLE_OK)
                        return set_error(ret_error, -ENOMEM, "libcurl could not be initialised");
                inited = true;
        }
        if (!(h = curl_easy_init()))
                return set_error(ret_error, -ENOMEM, "libcurl could not be initialised");
        /* The host name is ignored on a unix socket but must be valid. */
        if (asprintf(&url, "http://localhost%s", path) < 0) {
                curl_easy_cleanup(h);
                return -ENOMEM;
        }
        curl_easy_setopt(h, CURLOPT_URL, url);
        curl_easy_setopt(h, CURLOPT_UNIX_SOCKET_PATH, socket_path);
#if LIBCURL_VERSION_NUM >= 0x075500
        curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
#else
        curl_easy_setopt(h, CURLOPT_PROTOCOLS, (long)CURLPROTO_HTTP);
#endif
        curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
        curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, timeout_ms);
        curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, timeout_ms);
        curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
        curl_easy_setopt(h, CURLOPT_WRITEDATA, &b);
        curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
        curl_easy_setopt(h, CURLOPT_USERAGENT, "vnetaudit/" VNETAUDIT_VERSION);
        c = curl_easy_perform(h);
        curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
        curl_easy_cleanup(h);
        free(url);
        if (b.too_big) {
                r = set_error(ret_error, -EFBIG, "the answer to GET %s is larger than %d bytes",
                              path, UHTTP_MAX_BODY);
        } else if (c != CURLE_OK) {
                r = set_error(ret_error, curl_errno(c, socket_path), "GET %s: %s", path,
                              errbuf[0] ? errbuf : curl_easy_strerror(c));
        } else if (status != 200) {
                r = set_error(ret_error, -EPROTO, "GET %s: HTTP status %ld", path, status);
        } else {
                if (!b.buf && !(b.buf = calloc(1, 1)))
                        return -ENOMEM;
                *ret_body = b.buf;
                *ret_len = b.len;
                return 0;
        }
        free(b.buf);
        return r;
}
