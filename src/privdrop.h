/*
 * privdrop.h - capabilities around ARP probing (libcap-ng): check that
 * CAP_NET_RAW is there before opening captures, and drop every capability
 * plus set no-new-privileges once the captures are open, before the first
 * received byte is decoded.
 */
#ifndef VNETAUDIT_PRIVDROP_H
#define VNETAUDIT_PRIVDROP_H

#define PRIVDROP_NEED_NET_RAW "run as root or grant CAP_NET_RAW"

/* 0 when CAP_NET_RAW is effective; -EPERM when not. */
int privdrop_have_net_raw(void);

/* Drops all effective, permitted and inheritable capabilities (and the
 * bounding set when CAP_SETPCAP allows) and sets PR_SET_NO_NEW_PRIVS.
 * 0 or -errno.  Already-open packet sockets keep working. */
int privdrop_drop_all(void);

#endif
