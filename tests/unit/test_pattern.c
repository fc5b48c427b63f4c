// SPDX-License-Identifier: GPL-2.0
/* Access patterns: determinism, ranges, and the shape each promises. */
#include <stdlib.h>
#include <string.h>

#include "pattern.h"
#include "unit.h"

static uint32_t *gen(const struct pattern_spec *s)
{
	uint32_t *out = malloc(s->nr_accesses * sizeof(*out));

	if (!out || pattern_generate(s, out))
		abort();
	return out;
}

int main(void)
{
	static const char *const kinds[] = {
		"loop", "uniform", "hotcold", "zipf", "scan", "phase",
	};
	struct pattern_spec s;
	enum pattern_kind k;
	uint32_t *a, *b;
	uint64_t i, hot;
	unsigned int n;

	for (n = 0; n < sizeof(kinds) / sizeof(kinds[0]); n++) {
		pattern_defaults(&s);
		CHECK_EQ(pattern_parse_kind(kinds[n], &s.kind), 0);
		CHECK(!strcmp(pattern_name(s.kind), kinds[n]));
		CHECK_EQ(pattern_check(&s), 0);
		a = gen(&s);
		b = gen(&s);
		CHECK(!memcmp(a, b, s.nr_accesses * sizeof(*a)));	/* same seed */
		for (i = 0; i < s.nr_accesses; i++)
			if (a[i] >= s.nr_regions)
				break;
		CHECK_EQ(i, s.nr_accesses);				/* in range */
		free(a);
		free(b);
	}
	CHECK(pattern_parse_kind("lru", &k) != 0);

	pattern_defaults(&s);
	s.kind = PATTERN_LOOP;
	a = gen(&s);
	CHECK_EQ(a[0], 0);
	CHECK_EQ(a[255], 255);
	CHECK_EQ(a[256], 0);
	free(a);

	/* hotcold: 90% of accesses on the first 32 regions, within 1%. */
	pattern_defaults(&s);
	a = gen(&s);
	for (i = 0, hot = 0; i < s.nr_accesses; i++)
		hot += a[i] < 32;
	CHECK(hot > 0.89 * s.nr_accesses && hot < 0.91 * s.nr_accesses);
	free(a);

	/* A different seed gives a different sequence. */
	pattern_defaults(&s);
	a = gen(&s);
	s.seed = 2;
	b = gen(&s);
	CHECK(memcmp(a, b, s.nr_accesses * sizeof(*a)) != 0);
	free(a);
	free(b);

	/* Unusable specs are refused. */
	pattern_defaults(&s);
	s.hot_fraction = 1.5;
	CHECK(pattern_check(&s) != 0);
	pattern_defaults(&s);
	s.nr_regions = 0;
	CHECK(pattern_check(&s) != 0);
	pattern_defaults(&s);
	s.kind = PATTERN_ZIPF;
	s.zipf_alpha = 0;
	CHECK(pattern_check(&s) != 0);

	return unit_done("test_pattern");
}
