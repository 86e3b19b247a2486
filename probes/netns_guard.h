/*
 * netns_guard.h - the test-harness safety net.  When VNETAUDIT_REQUIRE_NETNS
 * is set in the environment (the test suite and the demo set it), vnetaudit
 * refuses to send any packet from the initial network namespace.
 */
#ifndef VNETAUDIT_NETNS_GUARD_H
#define VNETAUDIT_NETNS_GUARD_H

/* 0 when sending is allowed; -EPERM when the guard is armed and this process
 * is (or cannot prove it is not) in the initial network namespace. */
int netns_guard_check(void);

#endif
