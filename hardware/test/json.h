/* A minimal JSON reader for the golden-vector file: enough for objects, arrays, strings without
 * escapes beyond \" and \\, integers and booleans. Test-only (host build). */
#ifndef TEST_JSON_H
#define TEST_JSON_H
#include <stddef.h>

typedef enum { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } json_kind;

typedef struct json {
  json_kind kind;
  char *key; /* member name inside an object */
  char *string;
  double number;
  struct json *children;
  size_t count;
} json;

/* Parses text; returns NULL (and prints where) on a syntax error. */
json *json_parse(const char *text);
const json *json_get(const json *object, const char *key);
#endif
