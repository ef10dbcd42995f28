# overleg — build, test, run, bench.  See README.md.
#
#   make          build/overleg
#   make test     install missing Debian packages, build, run every test
#                 (then again under AddressSanitizer + UBSan)
#   make run      install missing packages, build, start the service
#   make bench    the benchmarks of the issues (not a test)

PKGS      := sqlite3 libzip libxml-2.0 libmicrohttpd libsodium jansson
TEST_PKGS := check zlib libcurl

CC      ?= cc
OPT     ?= -O2
CFLAGS  := $(OPT) -g -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow \
           -Wstrict-prototypes -Wmissing-prototypes -Wformat=2 -Wno-unused-parameter \
           $(EXTRA_CFLAGS)
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   = $(shell pkg-config --libs $(PKGS)) -lstemmer -lpthread -lm
TEST_LIBS  = $(shell pkg-config --libs $(TEST_PKGS))

B := build
SRC  := $(filter-out src/main.c,$(wildcard src/*.c))
OBJ  := $(SRC:src/%.c=$(B)/obj/%.o)
TSRC := $(wildcard tests/*.c)
TOBJ := $(TSRC:tests/%.c=$(B)/obj/tests/%.o)

.PHONY: all deps test test-plain test-asan test-browser run bench clean check-style
all: $(B)/overleg

# One shared set-up step: installs what is missing, nothing when pkg-config
# and the tools already find everything.
deps:
	@sh tests/deps.sh

$(B)/obj/%.o: src/%.c $(wildcard src/*.h) | $(B)/obj
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Isrc -c $< -o $@

$(B)/obj/tests/%.o: tests/%.c $(wildcard src/*.h tests/*.h) | $(B)/obj/tests
	$(CC) $(CFLAGS) $(PKG_CFLAGS) $(shell pkg-config --cflags $(TEST_PKGS)) -Isrc -Itests -c $< -o $@

# The schema is embedded in the binary as a C string.
$(B)/obj/schema_sql.c: src/schema.sql | $(B)/obj
	awk 'BEGIN { print "const char overleg_schema_sql[] =" } \
	     { gsub(/\\/, "\\\\"); gsub(/"/, "\\\""); print "  \"" $$0 "\\n\"" } \
	     END { print ";" }' $< > $@

$(B)/obj/schema_sql.o: $(B)/obj/schema_sql.c
	$(CC) $(CFLAGS) -c $< -o $@

# So are the templates and static files of web/.
$(B)/obj/web_files.c: src/embed-web.sh $(wildcard web/*) | $(B)/obj
	sh src/embed-web.sh web > $@

$(B)/obj/web_files.o: $(B)/obj/web_files.c
	$(CC) $(CFLAGS) -c $< -o $@

$(B)/libovl.a: $(OBJ) $(B)/obj/schema_sql.o $(B)/obj/web_files.o
	rm -f $@ && ar rcs $@ $^

$(B)/overleg: $(B)/obj/main.o $(B)/libovl.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS)

$(B)/test-overleg: $(TOBJ) $(B)/libovl.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKG_LIBS) $(TEST_LIBS)

$(B)/obj $(B)/obj/tests:
	mkdir -p $@

# The suite runs twice: as built for use, then built apart (build/asan)
# with AddressSanitizer and UndefinedBehaviorSanitizer.
test: deps
	$(MAKE) test-browser
	$(MAKE) test-plain
	$(MAKE) test-asan

# The web pages in headless Chromium, first so that the run ends with the
# Check runner's summary line (tests/browser/run.sh installs
# chromium, node and the pinned npm packages when missing).
test-browser: $(B)/overleg
	OVERLEG=$(B)/overleg sh tests/browser/run.sh

test-plain: $(B)/overleg $(B)/test-overleg
	OVERLEG=$(B)/overleg $(B)/test-overleg

test-asan:
	$(MAKE) B=build/asan OPT="-O1" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  build/asan/overleg build/asan/test-overleg
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 UBSAN_OPTIONS=print_stacktrace=1 \
	  OVERLEG=build/asan/overleg build/asan/test-overleg

run: deps all
	$(B)/overleg serve

bench: deps all $(B)/searchbench
	sh tests/bench/run.sh

$(B)/searchbench: tests/bench/searchbench.c $(B)/libovl.a $(wildcard src/*.h)
	$(CC) $(CFLAGS) $(PKG_CFLAGS) -Isrc -o $@ $< $(B)/libovl.a $(PKG_LIBS)

clean:
	rm -rf build
