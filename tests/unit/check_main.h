/*
 * check_main.h - the main() every unit-test program shares: run one Check
 * suite with native output ("100%: Checks: N, Failures: F, Errors: E").
 */
#ifndef VNETAUDIT_CHECK_MAIN_H
#define VNETAUDIT_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

#define CHECK_MAIN(suite_fn)                                            \
        int main(void)                                                  \
        {                                                               \
                SRunner *sr = srunner_create(suite_fn());               \
                int failed;                                             \
                srunner_run_all(sr, CK_NORMAL);                         \
                failed = srunner_ntests_failed(sr);                     \
                srunner_free(sr);                                       \
                return failed ? EXIT_FAILURE : EXIT_SUCCESS;            \
        }

/* Path of a fixture below tests/fixtures (tests run from the source root). */
#define FIXTURE(rel) "tests/fixtures/" rel

#endif
