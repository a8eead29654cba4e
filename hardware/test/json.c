#include "json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct { const char *s; size_t at; int failed; } reader;

static void skip(reader *r) { while (r->s[r->at] == ' ' || r->s[r->at] == '\n' || r->s[r->at] == '\r' || r->s[r->at] == '\t') r->at++; }

static void fail(reader *r, const char *what) {
  if (!r->failed) fprintf(stderr, "json: %s at offset %zu\n", what, r->at);
  r->failed = 1;
}

static char *read_string(reader *r) {
  if (r->s[r->at] != '"') { fail(r, "expected string"); return NULL; }
  r->at++;
  size_t cap = 16, n = 0;
  char *out = malloc(cap);
  while (r->s[r->at] && r->s[r->at] != '"') {
    char c = r->s[r->at++];
    if (c == '\\') c = r->s[r->at++];
    if (n + 1 >= cap) out = realloc(out, cap *= 2);
    out[n++] = c;
  }
  if (r->s[r->at] != '"') { fail(r, "unterminated string"); free(out); return NULL; }
  r->at++;
  out[n] = 0;
  return out;
}

static void read_value(reader *r, json *out);

static void read_container(reader *r, json *out, char close, int members) {
  r->at++;
  size_t cap = 4;
  out->children = calloc(cap, sizeof(json));
  skip(r);
  if (r->s[r->at] == close) { r->at++; return; }
  for (;;) {
    if (out->count == cap) {
      out->children = realloc(out->children, (cap *= 2) * sizeof(json));
      memset(out->children + out->count, 0, (cap - out->count) * sizeof(json));
    }
    json *child = &out->children[out->count++];
    skip(r);
    if (members) {
      child->key = read_string(r);
      skip(r);
      if (r->s[r->at] != ':') { fail(r, "expected ':'"); return; }
      r->at++;
    }
    read_value(r, child);
    if (r->failed) return;
    skip(r);
    if (r->s[r->at] == ',') { r->at++; continue; }
    if (r->s[r->at] == close) { r->at++; return; }
    fail(r, "expected ',' or end of container");
    return;
  }
}

static void read_value(reader *r, json *out) {
  skip(r);
  char c = r->s[r->at];
  if (c == '{') { out->kind = J_OBJECT; read_container(r, out, '}', 1); }
  else if (c == '[') { out->kind = J_ARRAY; read_container(r, out, ']', 0); }
  else if (c == '"') { out->kind = J_STRING; out->string = read_string(r); }
  else if (strncmp(r->s + r->at, "true", 4) == 0) { out->kind = J_BOOL; out->number = 1; r->at += 4; }
  else if (strncmp(r->s + r->at, "false", 5) == 0) { out->kind = J_BOOL; out->number = 0; r->at += 5; }
  else if (strncmp(r->s + r->at, "null", 4) == 0) { out->kind = J_NULL; r->at += 4; }
  else {
    char *end;
    out->kind = J_NUMBER;
    out->number = strtod(r->s + r->at, &end);
    if (end == r->s + r->at) { fail(r, "unexpected character"); return; }
    r->at = (size_t)(end - r->s);
  }
}

json *json_parse(const char *text) {
  reader r = {text, 0, 0};
  json *root = calloc(1, sizeof(json));
  read_value(&r, root);
  return r.failed ? NULL : root;
}

const json *json_get(const json *object, const char *key) {
  if (!object || object->kind != J_OBJECT) return NULL;
  for (size_t i = 0; i < object->count; i++)
    if (object->children[i].key && strcmp(object->children[i].key, key) == 0) return &object->children[i];
  return NULL;
}
