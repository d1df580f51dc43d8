# open311d: one binary built from Debian's Kore 4.1.0 sources (patched,
# see patches/) and app/. `make run` sets up and starts the gateway;
# `make check` builds everything and runs every test.

BUILD	?= build
SAN	?=
KORE_SHIPPED ?= /usr/share/kore

KSRC	= $(BUILD)/kore-src
KOBJ	= $(BUILD)/kore
GEN	= $(BUILD)/gen
BIN	= $(BUILD)/open311d

PKGS	= libpq jansson proj openssl libcurl
WARN	= -Wall -Wextra -Werror -Wstrict-prototypes -Wmissing-prototypes \
	  -Wmissing-declarations -Wshadow -Wpointer-arith -Wcast-qual \
	  -Wsign-compare -Wtype-limits -Wformat=2 -pedantic
OPT	= $(if $(SAN),-O1 -fsanitize=$(SAN) -fno-omit-frame-pointer,-O2)
APPFLAGS = -std=c99 -g $(OPT) -D_GNU_SOURCE -DKORE_SINGLE_BINARY \
	  -DKORE_USE_PGSQL -DKORE_USE_TASKS -DKORE_USE_CURL \
	  -fstack-protector-all \
	  -I$(KSRC)/include -Iapp -I$(GEN) \
	  $(shell pkg-config --cflags $(PKGS)) $(WARN)
APPLIBS	= $(shell pkg-config --libs $(PKGS)) -largon2 -lm

APP_SRC	= $(sort $(wildcard app/*.c app/*/*.c))
APP_OBJ	= $(APP_SRC:%.c=$(BUILD)/%.o)
GEN_OBJ	= $(GEN)/sql_gen.o $(GEN)/migrations_gen.o $(GEN)/assets_gen.o \
	  $(GEN)/builtin_conf.o
PATCHES	= $(sort $(wildcard patches/*.patch))
SQL	= $(sort $(wildcard sql/*.sql))
MIGRATIONS = $(sort $(wildcard migrations/*.sql))

# The web pages' files (assets/web/) and the libraries they use, from
# Debian's packages (libjs-leaflet, libjs-leaflet.markercluster,
# libjs-chart.js), embedded as NAME=FILE (see app/tools/embed_assets.sh).
JSDIR	?= /usr/share/javascript
WEB_FILES = $(sort $(shell find assets/web -type f))
VENDOR	= vendor/leaflet/leaflet.js=$(JSDIR)/leaflet/leaflet.min.js \
	  vendor/leaflet/leaflet.css=$(JSDIR)/leaflet/leaflet.css \
	  vendor/leaflet/markercluster.js=$(JSDIR)/leaflet/leaflet.markercluster.min.js \
	  vendor/leaflet/MarkerCluster.css=$(JSDIR)/leaflet/MarkerCluster.css \
	  vendor/leaflet/MarkerCluster.Default.css=$(JSDIR)/leaflet/MarkerCluster.Default.css \
	  $(foreach i,layers layers-2x marker-icon marker-icon-2x marker-shadow,\
	  vendor/leaflet/images/$(i).png=$(JSDIR)/leaflet/images/$(i).png) \
	  vendor/chart.js=$(JSDIR)/chart.js/chart.min.js
ASSETS	= $(foreach f,$(WEB_FILES),$(f:assets/web/%=%)=$(f)) $(VENDOR)

all: $(BIN)

# The list of patches itself, so that removing one patches afresh too.
$(BUILD)/patches.list: FORCE
	@mkdir -p $(BUILD)
	@echo "$(PATCHES)" | cmp -s - $@ || echo "$(PATCHES)" > $@

$(KSRC)/.patched: $(PATCHES) $(BUILD)/patches.list
	rm -rf $(KSRC) && mkdir -p $(BUILD)
	cp -R $(KORE_SHIPPED) $(KSRC)
	for p in $(PATCHES); do patch -s -d $(KSRC) -p1 < $$p || exit 1; done
	touch $@

$(KOBJ)/ldflags: $(KSRC)/.patched Makefile
	$(MAKE) -s -C $(KSRC) objects OBJDIR=$(abspath $(KOBJ)) PGSQL=1 \
	    TASKS=1 CURL=1 KORE_SINGLE_BINARY=1 \
	    $(if $(SAN),SANITIZE=$(SAN) NOOPT=1)

$(GEN)/sql_gen.c: $(SQL) app/tools/embed.sh app/tools/sqlmeta.awk
	@echo "  EMBED $(GEN)/sql_gen.c"
	@app/tools/embed.sh sql $(GEN) $(SQL)

$(GEN)/migrations_gen.c: $(MIGRATIONS) app/tools/embed.sh
	@echo "  EMBED $(GEN)/migrations_gen.c"
	@app/tools/embed.sh migrations $(GEN) $(MIGRATIONS)

$(GEN)/assets_gen.c: $(WEB_FILES) $(foreach a,$(VENDOR),$(lastword $(subst =, ,$(a)))) \
    app/tools/embed_assets.sh
	@echo "  EMBED $(GEN)/assets_gen.c"
	@app/tools/embed_assets.sh $(GEN) $(ASSETS)

$(GEN)/builtin_conf.c:
	mkdir -p $(GEN)
	printf '%s\n' '/* Generated: Kore reads an empty embedded config. */' \
	    '#include <sys/types.h>' \
	    'u_int8_t asset_builtin_kore_conf[] = { 0x0a, 0x00 };' \
	    'u_int32_t asset_len_builtin_kore_conf = 1;' > $@

$(GEN)/%.o: $(GEN)/%.c
	@echo "  CC    $<"
	@$(CC) -std=c99 -g -c $< -o $@

$(APP_OBJ): $(KOBJ)/ldflags $(GEN)/sql_gen.c $(GEN)/migrations_gen.c \
    $(GEN)/assets_gen.c

$(BUILD)/app/%.o: app/%.c
	@mkdir -p $(dir $@)
	@echo "  CC    $<"
	@$(CC) $(APPFLAGS) -MMD -MP -c $< -o $@

$(BIN): $(KOBJ)/ldflags $(APP_OBJ) $(GEN_OBJ)
	@echo "  LD    $@"
	@$(CC) $(OPT) -o $@ $(KOBJ)/*.o $(APP_OBJ) $(GEN_OBJ) \
	    $$(cat $(KOBJ)/ldflags) $(APPLIBS)

-include $(APP_OBJ:.o=.d)

# Unit tests: the pure layers (no Kore, no database) with cmocka, under
# ASan and UBSan.
PURE_SRC = app/config.c app/cli/embedded.c $(sort $(wildcard app/lib/*.c app/formats/*.c app/model/*.c \
	   app/geo/*.c app/shm/*.c))
UNIT_BIN = $(patsubst tests/unit/%.c,build/unit/%,\
	   $(sort $(wildcard tests/unit/test_*.c)))
UNITFLAGS = -std=c99 -g -O1 -D_GNU_SOURCE -Iapp -Itests/unit \
	  -fsanitize=address,undefined -fno-omit-frame-pointer \
	  -fno-sanitize-recover=undefined \
	  $(shell pkg-config --cflags jansson proj) $(WARN) \
	  -Wno-missing-prototypes

unit: $(UNIT_BIN)

build/unit/%: tests/unit/%.c $(PURE_SRC) $(wildcard app/*/*.h app/*.h tests/unit/*.h)
	@mkdir -p $(dir $@)
	@echo "  TEST  $@"
	@$(CC) $(UNITFLAGS) -o $@ $< $(PURE_SRC) -lcmocka \
	    $(shell pkg-config --libs jansson proj libcrypto) -largon2 -lm

# The sanitizer build the tests run.
asan:
	@$(MAKE) --no-print-directory BUILD=build/asan SAN=address,undefined

run:
	app/tools/run.sh

check:
	tests/check.sh

bench:
	tests/bench/run.sh

fuzz:
	tests/fuzz/run.sh long

deps:
	app/tools/deps.sh

clean:
	rm -rf build

.PHONY: all asan unit run check bench fuzz deps clean FORCE
FORCE:
