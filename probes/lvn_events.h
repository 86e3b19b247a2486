/*
 * lvn_events.h - libvirt's network lifecycle events: a read-only
 * connection to a URI that registers for VIR_NETWORK_EVENT_ID_LIFECYCLE
 * (defined, undefined, started, stopped), keepalive, and a close callback
 * that marks the connection lost when the daemon goes away.  Events are
 * delivered through the event loop of lvn_evloop.h (register it first);
 * this file only counts them and remembers the last one.  Reconnecting and
 * its back-off are the caller's (it owns the clock).
 */
#ifndef VNETAUDIT_LVN_EVENTS_H
#define VNETAUDIT_LVN_EVENTS_H

#include <stdbool.h>

struct lvn_events {
        void *conn;                     /* virConnectPtr; NULL when not connected */
        int cb_id;                      /* the lifecycle registration, -1 when none */
        bool lost;                      /* the close callback fired */
        unsigned long changes;          /* lifecycle events since connecting */
        char last[160];                 /* "NAME started", the last event */
};

void lvn_events_init(struct lvn_events *e);

/* Connects read-only to uri and registers for the events.  0; or
 * -ECONNREFUSED (no daemon), -EIO (connected but the registration was
 * refused) with libvirt's reason in err. */
int lvn_events_connect(struct lvn_events *e, const char *uri, char *err, size_t errsize);

/* Deregisters (when the connection still works) and closes. */
void lvn_events_disconnect(struct lvn_events *e);

/* The lifecycle event names of libvirt-network.h, for messages. */
const char *lvn_events_kind(int event);

#endif
