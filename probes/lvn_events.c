/*
 * lvn_events.c - a read-only libvirt connection that follows the network
 * lifecycle (see lvn_events.h).  A read-only connection may register for
 * network events: no write access to libvirt is ever needed.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "lvn_events.h"

#define KEEPALIVE_INTERVAL 5            /* seconds between keepalive probes */
#define KEEPALIVE_COUNT 3               /* unanswered probes before the connection is dead */

static void silent_error(void *data, virErrorPtr err)
{
        (void)data;
        (void)err;
}

static void set_err(char *err, size_t errsize, const char *what)
{
        const char *m = virGetLastErrorMessage();

        snprintf(err, errsize, "%s: %s", what, m && *m ? m : "unknown libvirt error");
}

const char *lvn_events_kind(int event)
{
        switch (event) {
        case VIR_NETWORK_EVENT_DEFINED: return "defined";
        case VIR_NETWORK_EVENT_UNDEFINED: return "undefined";
        case VIR_NETWORK_EVENT_STARTED: return "started";
        case VIR_NETWORK_EVENT_STOPPED: return "stopped";
        default: return "changed";
        }
}

static void on_lifecycle(virConnectPtr conn, virNetworkPtr net, int event, int detail, void *opaque)
{
        struct lvn_events *e = opaque;
        const char *name = virNetworkGetName(net);

        (void)conn;
        (void)detail;
        e->changes++;
        snprintf(e->last, sizeof(e->last), "%.120s %s", name ? name : "?", lvn_events_kind(event));
}

/* libvirtd exited, or the keepalive found it hung: reconnecting is the
 * caller's, outside this callback (closing here would re-enter libvirt). */
static void on_close(virConnectPtr conn, int reason, void *opaque)
{
        (void)conn;
        (void)reason;
        ((struct lvn_events *)opaque)->lost = true;
}

void lvn_events_init(struct lvn_events *e)
{
        *e = (struct lvn_events){ .cb_id = -1 };
}

int lvn_events_connect(struct lvn_events *e, const char *uri, char *err, size_t errsize)
{
        virConnectPtr conn;

        lvn_events_init(e);
        virSetErrorFunc(NULL, silent_error);
        if (!(conn = virConnectOpenReadOnly(uri))) {
                set_err(err, errsize, "cannot connect");
                return -ECONNREFUSED;
        }
        virConnSetErrorFunc(conn, NULL, silent_error);
        e->conn = conn;
        /* 1 = the daemon does not do keepalive: the socket's EOF still
         * tells when it exits. */
        if (virConnectSetKeepAlive(conn, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT) < 0 ||
            virConnectRegisterCloseCallback(conn, on_close, e, NULL) < 0) {
                set_err(err, errsize, "cannot follow the connection");
                lvn_events_disconnect(e);
                return -EIO;
        }
        e->cb_id = virConnectNetworkEventRegisterAny(conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                                     VIR_NETWORK_EVENT_CALLBACK(on_lifecycle), e, NULL);
        if (e->cb_id < 0) {
                set_err(err, errsize, "cannot register for network events");
                lvn_events_disconnect(e);
                return -EIO;
        }
        return 0;
}

void lvn_events_disconnect(struct lvn_events *e)
{
        virConnectPtr conn = e->conn;

        if (!conn)
                return;
        if (e->cb_id >= 0)
                virConnectNetworkEventDeregisterAny(conn, e->cb_id);    /* fails when lost: fine */
        virConnectUnregisterCloseCallback(conn, on_close);
        virConnectClose(conn);
        e->conn = NULL;
        e->cb_id = -1;
}
