# vnetaudit - GNU Makefile.  User CC, CFLAGS, CPPFLAGS and LDFLAGS are honoured
# and appended to ours.  Missing Debian packages are installed on first use
# (scripts/ensure-deps); `make check` runs the whole suite (tests/run-all).

VERSION   := 0.1.0
PREFIX    ?= /usr/local
SBINDIR   ?= $(PREFIX)/sbin
MANDIR    ?= $(PREFIX)/share/man
SYSCONFDIR ?= /etc
DESTDIR   ?=

CC        ?= cc
CFLAGS    ?= -O2 -g
FUZZ_CC   ?= clang
FUZZ_SECONDS ?= 10
# Installs missing Debian packages; packagers set ENSURE_DEPS=true.
ENSURE_DEPS ?= scripts/ensure-deps

PKGS := libnl-3.0 libnl-route-3.0 libpcap libvirt libxml-2.0 json-c smartcols \
	libcap-ng nettle inih libcurl libsystemd

WARN := -Wall -Wextra -Wformat=2 -Wshadow -Wpointer-arith -Wstrict-prototypes \
	-Wmissing-prototypes -Wno-missing-field-initializers
VA_CPPFLAGS = -D_GNU_SOURCE -DVNETAUDIT_VERSION='"$(VERSION)"' $(addprefix -I,$(SRC_DIRS))
VA_CFLAGS   = -std=gnu11 $(WARN) $(PKG_CFLAGS)
SAN_FLAGS   := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

# The layers, lowest first; scripts/check-layers enforces that a folder
# includes only itself and the folders before it (src/README.md).
SRC_DIRS  := src/base src/model parsers probes src/load src/analysis src/engine \
	src/report src/check src/audit src/watch src/cli
LIB_SRCS  := $(filter-out src/cli/main.c,$(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c)))
LIB_OBJS  := $(LIB_SRCS:%.c=build/obj/%.o)
ASAN_OBJS := $(LIB_SRCS:%.c=build/asan/%.o)
FUZZ_OBJS := $(LIB_SRCS:%.c=build/fuzzobj/%.o)
UNIT_SRCS := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=build/tests/%)
ASAN_BINS := $(UNIT_SRCS:tests/unit/%.c=build/asan-tests/%)
FUZZ_SRCS := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS := $(FUZZ_SRCS:tests/fuzz/%.c=build/fuzz/%)
HELPER_SRCS := $(wildcard tests/helpers/*.c)
HELPER_BINS := $(HELPER_SRCS:tests/helpers/%.c=build/helpers/%)

.PHONY: all check check-unit check-package fuzz fuzz-build clean install uninstall install-list golden demo deps map-picture
all: vnetaudit

ifeq ($(filter clean,$(MAKECMDGOALS)),)
include build/pkg.mk
endif

# Generated once: installs what is missing, then records pkg-config's answer.
# The job is the widest the goals need, so a non-root user sees one apt line.
DEPS_JOB := $(if $(filter check,$(MAKECMDGOALS)),test,$(if $(filter demo,$(MAKECMDGOALS)),demo,build))
build/pkg.mk: scripts/ensure-deps Makefile
	@mkdir -p build
	@$(ENSURE_DEPS) $(DEPS_JOB)
	@{ echo "PKG_CFLAGS := $$(pkg-config --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$(pkg-config --libs $(PKGS))"; } > $@.tmp && mv $@.tmp $@

build/obj/%.o: %.c build/pkg.mk
	@mkdir -p $(@D)
	$(CC) $(VA_CPPFLAGS) $(CPPFLAGS) $(VA_CFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

build/asan/%.o: %.c build/pkg.mk
	@mkdir -p $(@D)
	$(CC) $(VA_CPPFLAGS) $(CPPFLAGS) $(VA_CFLAGS) -O1 -g $(SAN_FLAGS) -MMD -MP -c -o $@ $<

build/fuzzobj/%.o: %.c build/pkg.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(VA_CPPFLAGS) -DFUZZING $(VA_CFLAGS) -O1 -g -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c -o $@ $<

build/libvnetaudit.a: $(LIB_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

build/libvnetaudit-asan.a: $(ASAN_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

build/libvnetaudit-fuzz.a: $(FUZZ_OBJS)
	@rm -f $@
	$(AR) rcs $@ $^

vnetaudit: build/obj/src/cli/main.o build/libvnetaudit.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

build/tests/%: tests/unit/%.c build/libvnetaudit.a build/pkg.mk
	@mkdir -p $(@D)
	$(CC) $(VA_CPPFLAGS) -Itests/unit $(CPPFLAGS) $(VA_CFLAGS) $(CFLAGS) $$(pkg-config --cflags check) \
		$(LDFLAGS) -o $@ $< build/libvnetaudit.a $(PKG_LIBS) $$(pkg-config --libs check)

build/asan-tests/%: tests/unit/%.c build/libvnetaudit-asan.a build/pkg.mk
	@mkdir -p $(@D)
	$(CC) $(VA_CPPFLAGS) -Itests/unit $(CPPFLAGS) $(VA_CFLAGS) -O1 -g $(SAN_FLAGS) $$(pkg-config --cflags check) \
		-o $@ $< build/libvnetaudit-asan.a $(PKG_LIBS) $$(pkg-config --libs check)

build/fuzz/%: tests/fuzz/%.c build/libvnetaudit-fuzz.a build/pkg.mk
	@mkdir -p $(@D)
	$(FUZZ_CC) $(VA_CPPFLAGS) -DFUZZING $(VA_CFLAGS) -O1 -g -fsanitize=fuzzer,address,undefined \
		-o $@ $< build/libvnetaudit-fuzz.a $(PKG_LIBS)

build/helpers/%: tests/helpers/%.c build/pkg.mk
	@mkdir -p $(@D)
	$(CC) $(VA_CPPFLAGS) $(CPPFLAGS) $(VA_CFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(PKG_LIBS)

check-build: vnetaudit $(UNIT_BINS) $(ASAN_BINS) $(HELPER_BINS)
fuzz-build: $(FUZZ_BINS)

# The whole suite: unit, unit under ASan+UBSan, fuzz replay, man lint,
# golden files and namespace integration tests.  Ends with "N passed, N failed".
check:
	@$(ENSURE_DEPS) test
	@$(MAKE) --no-print-directory check-build fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) tests/run-all

check-unit: check-build
	@tests/run-all unit

# What a package build may run (dh_auto_test): unit tests and golden files,
# no root, namespace or network.
check-package: vnetaudit $(UNIT_BINS)
	@tests/run-all package

# Longer fuzzing: FUZZ_SECONDS per target (default here 600).
fuzz: fuzz-build
	@FUZZ_SECONDS=$${FUZZ_SECONDS:-600} tests/run-all fuzz-long

# Regenerate golden expected outputs after a deliberate change.
golden: vnetaudit
	@tests/golden/regenerate

demo:
	@$(ENSURE_DEPS) demo
	@$(MAKE) --no-print-directory vnetaudit
	@contrib/demo

# The picture of `vnetaudit map` in README (committed; regenerate after a
# deliberate change to the page and look at it).
map-picture:
	@scripts/ensure-deps picture
	@$(MAKE) --no-print-directory vnetaudit
	@contrib/map-picture

# Every path is overridable; @SBINDIR@ and friends are filled in at install time.
DATADIR        ?= $(PREFIX)/share
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
SYSUSERSDIR    ?= $(PREFIX)/lib/sysusers.d
BASHCOMPDIR    ?= $(DATADIR)/bash-completion/completions
ZSHCOMPDIR     ?= $(DATADIR)/zsh/vendor-completions
LIBVIRTHOOKDIR ?= $(SYSCONFDIR)/libvirt/hooks
CRONDIR        ?= $(SYSCONFDIR)/cron.d
SUBST = sed -e 's|@SBINDIR@|$(SBINDIR)|g' -e 's|@DATADIR@|$(DATADIR)|g' \
	-e 's|@LIBVIRTHOOKDIR@|$(LIBVIRTHOOKDIR)|g'
INSTALLED_FILES = $(SBINDIR)/vnetaudit $(MANDIR)/man8/vnetaudit.8 \
	$(patsubst man/%.5,$(MANDIR)/man5/%.5,$(wildcard man/*.5)) \
	$(SYSTEMDUNITDIR)/vnetaudit-audit.service $(SYSTEMDUNITDIR)/vnetaudit-audit.timer \
	$(SYSTEMDUNITDIR)/vnetaudit-watch.service \
	$(SYSTEMDUNITDIR)/vmware.service.d/vnetaudit.conf \
	$(SYSTEMDUNITDIR)/vmware-networks.service.d/vnetaudit.conf $(SYSUSERSDIR)/vnetaudit.conf \
	$(LIBVIRTHOOKDIR)/network.d/vnetaudit $(CRONDIR)/vnetaudit \
	$(BASHCOMPDIR)/vnetaudit $(DATADIR)/vnetaudit/init.d-vmware-snippet.sh \
	$(ZSHCOMPDIR)/_vnetaudit

install: vnetaudit
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 $(DESTDIR)$(SYSTEMDUNITDIR) \
		$(DESTDIR)$(SYSTEMDUNITDIR)/vmware.service.d $(DESTDIR)$(SYSTEMDUNITDIR)/vmware-networks.service.d \
		$(DESTDIR)$(LIBVIRTHOOKDIR)/network.d $(DESTDIR)$(CRONDIR) $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(DATADIR)/vnetaudit
	install -m 0755 vnetaudit $(DESTDIR)$(SBINDIR)/vnetaudit
	install -m 0644 man/vnetaudit.8 $(DESTDIR)$(MANDIR)/man8/vnetaudit.8
	for m in $(wildcard man/*.5); do install -d $(DESTDIR)$(MANDIR)/man5 && \
		install -m 0644 $$m $(DESTDIR)$(MANDIR)/man5/ || exit 1; done
	$(SUBST) systemd/vnetaudit-audit.service.in > $(DESTDIR)$(SYSTEMDUNITDIR)/vnetaudit-audit.service
	install -m 0644 systemd/vnetaudit-audit.timer $(DESTDIR)$(SYSTEMDUNITDIR)/
	install -D -m 0644 systemd/vnetaudit.sysusers $(DESTDIR)$(SYSUSERSDIR)/vnetaudit.conf
	$(SUBST) systemd/vnetaudit-watch.service.in > $(DESTDIR)$(SYSTEMDUNITDIR)/vnetaudit-watch.service
	chmod 0644 $(DESTDIR)$(SYSTEMDUNITDIR)/vnetaudit-watch.service
	$(SUBST) systemd/vmware.service.d/vnetaudit.conf.in \
		> $(DESTDIR)$(SYSTEMDUNITDIR)/vmware.service.d/vnetaudit.conf
	$(SUBST) systemd/vmware-networks.service.d/vnetaudit.conf.in \
		> $(DESTDIR)$(SYSTEMDUNITDIR)/vmware-networks.service.d/vnetaudit.conf
	$(SUBST) contrib/libvirt-hook-network.in > $(DESTDIR)$(LIBVIRTHOOKDIR)/network.d/vnetaudit
	chmod 0755 $(DESTDIR)$(LIBVIRTHOOKDIR)/network.d/vnetaudit
	$(SUBST) contrib/vnetaudit.cron.in > $(DESTDIR)$(CRONDIR)/vnetaudit
	install -m 0644 contrib/bash-completion/vnetaudit $(DESTDIR)$(BASHCOMPDIR)/vnetaudit
	install -d $(DESTDIR)$(ZSHCOMPDIR)
	install -m 0644 contrib/zsh-completion/_vnetaudit $(DESTDIR)$(ZSHCOMPDIR)/_vnetaudit
	$(SUBST) contrib/init.d-vmware-snippet.sh.in > $(DESTDIR)$(DATADIR)/vnetaudit/init.d-vmware-snippet.sh
	cd $(DESTDIR)$(SYSTEMDUNITDIR) && chmod 0644 vnetaudit-audit.service \
		vmware.service.d/vnetaudit.conf vmware-networks.service.d/vnetaudit.conf
	chmod 0644 $(DESTDIR)$(CRONDIR)/vnetaudit $(DESTDIR)$(DATADIR)/vnetaudit/init.d-vmware-snippet.sh

uninstall:
	rm -f $(addprefix $(DESTDIR),$(INSTALLED_FILES))
	-rmdir $(DESTDIR)$(SYSTEMDUNITDIR)/vmware.service.d $(DESTDIR)$(SYSTEMDUNITDIR)/vmware-networks.service.d \
		$(DESTDIR)$(LIBVIRTHOOKDIR)/network.d $(DESTDIR)$(DATADIR)/vnetaudit $(DESTDIR)$(ZSHCOMPDIR) 2>/dev/null

# The list of installed files, for tests and packagers.
install-list:
	@printf '%s\n' $(INSTALLED_FILES)

clean:
	rm -rf build vnetaudit

-include $(shell find build -name '*.d' 2>/dev/null)
