/* Shared by the host tests: the golden-vector file and names of the protocol's enums as the TypeScript
 * side spells them. */
#ifndef TEST_VECTORS_H
#define TEST_VECTORS_H
#include <stdint.h>
#include <stddef.h>
#include "../core/protocol.h"
#include "json.h"

json *load_vectors(const char *path);
/* Decodes lowercase hex into a new buffer; returns its length via *length. */
uint8_t *hex_decode(const char *hex, size_t *length);
void hex_encode(const uint8_t *bytes, size_t length, char *out);
const char *type_name(uint8_t type);
const char *error_name(uint8_t code);
/* The value of a message field as the vectors spell it ("a.b" for nested), written into out. Returns 0
 * when the packet has no such field. */
int field_as_text(const pm_packet *packet, const char *name, char *out, size_t cap);
#endif
