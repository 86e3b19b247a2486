/*
 * numparse.h - the one strict decimal parser behind every numeric field of
 * the command line, the configuration files and the parsers: digits only
 * (no sign, no blanks, no base prefix), the whole string, within a range.
 */
#ifndef VNETAUDIT_NUMPARSE_H
#define VNETAUDIT_NUMPARSE_H

/* 0; -EINVAL when s is not a plain decimal number; -ERANGE when it lies
 * outside [min, max]. */
int parse_decimal(const char *s, unsigned long min, unsigned long max, unsigned long *ret);

#endif
