/*
 * Copyright (c) 2026 The open311d authors
 *
 * Permission to use, copy, modify, and distribute this software for any
 * purpose with or without fee is hereby granted, provided that the above
 * copyright notice and this permission notice appear in all copies.
 *
 * THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES
 * WITH REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF
 * MERCHANTABILITY AND FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR
 * ANY SPECIAL, DIRECT, INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES
 * WHATSOEVER RESULTING FROM LOSS OF USE, DATA OR PROFITS, WHETHER IN AN
 * ACTION OF CONTRACT, NEGLIGENCE OR OTHER TORTIOUS ACTION, ARISING OUT OF
 * OR IN CONNECTION WITH THE USE OR PERFORMANCE OF THIS SOFTWARE.
 */

/*
 * Look-ups over the catalog model and its release.
 */

#include <stdlib.h>
#include <string.h>

#include "catalog.h"

const char	*cat_type_names[] = { "realtime", "batch", "blackbox", NULL };
const char	*cat_datatype_names[] = {
	"string", "number", "datetime", "text", "singlevaluelist",
	"multivaluelist", NULL
};

struct cat_jurisdiction *
cat_jurisdiction_find(const struct catalog *cat, const char *id)
{
	size_t		i;

	for (i = 0; i < cat->njurs; i++) {
		if (!strcmp(cat->jurs[i].id, id))
			return (&cat->jurs[i]);
	}

	return (NULL);
}

struct cat_service *
cat_service_find(const struct cat_jurisdiction *jur, const char *code)
{
	size_t		i;

	for (i = 0; i < jur->nservices; i++) {
		if (!strcmp(jur->services[i].code, code))
			return (&jur->services[i]);
	}

	return (NULL);
}

const struct cat_attr *
cat_attr_find(const struct cat_service *svc, const char *code)
{
	size_t		i;

	for (i = 0; i < svc->nattrs; i++) {
		if (!strcmp(svc->attrs[i].code, code))
			return (&svc->attrs[i]);
	}

	return (NULL);
}

int
cat_attr_has_key(const struct cat_attr *attr, const char *key)
{
	size_t		i;

	for (i = 0; i < attr->nvalues; i++) {
		if (!strcmp(attr->values[i].key, key))
			return (1);
	}

	return (0);
}

size_t
cat_private_count(const struct cat_jurisdiction *jur)
{
	size_t		i, n;

	for (i = 0, n = 0; i < jur->nservices; i++) {
		if (jur->services[i].private)
			n++;
	}

	return (n);
}

static void
cat_free_service(struct cat_service *svc)
{
	size_t		i, j;

	for (i = 0; i < svc->nattrs; i++) {
		for (j = 0; j < svc->attrs[i].nvalues; j++) {
			free(svc->attrs[i].values[j].key);
			free(svc->attrs[i].values[j].name);
		}
		free(svc->attrs[i].values);
		free(svc->attrs[i].code);
		free(svc->attrs[i].datatype_description);
		free(svc->attrs[i].description);
	}

	for (i = 0; i < svc->ntrs; i++) {
		for (j = 0; svc->trs[i].attrs != NULL && j < svc->nattrs;
		    j++) {
			free(svc->trs[i].attrs[j].description);
			free(svc->trs[i].attrs[j].datatype_description);
			if (svc->trs[i].attrs[j].values != NULL) {
				size_t	k;

				for (k = 0; k < svc->attrs[j].nvalues; k++)
					free(svc->trs[i].attrs[j].values[k]);
				free(svc->trs[i].attrs[j].values);
			}
		}
		free(svc->trs[i].attrs);
		free(svc->trs[i].lang);
		free(svc->trs[i].name);
		free(svc->trs[i].description);
		free(svc->trs[i].keywords);
	}
	free(svc->trs);
	free(svc->trs_json);
	free(svc->attrs);
	free(svc->code);
	free(svc->name);
	free(svc->description);
	free(svc->group);
	free(svc->keywords);
	free(svc->agency);
	free(svc->notice);
	free(svc->dup_group);
	buf_free(&svc->def[0]);
	buf_free(&svc->def[1]);
}

int
cat_lang_valid(const char *tag)
{
	size_t		i;

	for (i = 0; tag[i] >= 'a' && tag[i] <= 'z'; i++)
		;
	if (i < 2 || i > 3)
		return (0);
	if (tag[i] == '\0')
		return (1);
	if (tag[i] != '-')
		return (0);
	tag += i + 1;
	return (tag[0] >= 'A' && tag[0] <= 'Z' && tag[1] >= 'A' &&
	    tag[1] <= 'Z' && tag[2] == '\0');
}

const struct cat_tr *
cat_tr_find(const struct cat_service *s, const char *tag)
{
	size_t		i, len;
	const char	*dash;

	for (i = 0; i < s->ntrs; i++) {
		if (!strcmp(s->trs[i].lang, tag))
			return (&s->trs[i]);
	}
	if ((dash = strchr(tag, '-')) == NULL)
		return (NULL);
	len = (size_t)(dash - tag);
	for (i = 0; i < s->ntrs; i++) {
		if (strlen(s->trs[i].lang) == len &&
		    !strncmp(s->trs[i].lang, tag, len))
			return (&s->trs[i]);
	}
	return (NULL);
}

int
cat_jurisdiction_has_lang(const struct cat_jurisdiction *jur,
    const char *tag)
{
	size_t		i;

	for (i = 0; i < jur->nservices; i++) {
		if (cat_tr_find(&jur->services[i], tag) != NULL)
			return (1);
	}
	return (0);
}

void
cat_jurisdiction_free(struct cat_jurisdiction *jur)
{
	size_t		j;

	for (j = 0; j < jur->nservices; j++)
		cat_free_service(&jur->services[j]);
	free(jur->services);
	free(jur->id);
	free(jur->name);
	free(jur->time_zone);
	free(jur->contact);
	free(jur->key_service);
	free(jur->changeset);
	free(jur->boundary);
	buf_free(&jur->list[0]);
	buf_free(&jur->list[1]);
	buf_free(&jur->discovery[0]);
	buf_free(&jur->discovery[1]);
}

void
cat_free(struct catalog *cat)
{
	size_t		i;

	if (cat == NULL)
		return;

	for (i = 0; i < cat->njurs; i++)
		cat_jurisdiction_free(&cat->jurs[i]);

	free(cat->jurs);
	free(cat->changeset);
	buf_free(&cat->discovery[0]);
	buf_free(&cat->discovery[1]);
	buf_free(&cat->jurisdictions[0]);
	buf_free(&cat->jurisdictions[1]);
	free(cat);
}
