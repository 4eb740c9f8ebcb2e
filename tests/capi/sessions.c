/* Sessions through the C API over in-memory BIOs (WANT_READ/WANT_WRITE every other call):
 * mbedtls_ssl_get_session / set_session resumption by TLS 1.2 session ID (mbedtls_ssl_cache),
 * TLS 1.2 ticket and TLS 1.3 ticket (mbedtls_ssl_ticket); the cache and ticket functions
 * called directly; get_bytes_avail / check_pending; bad input. A resumed handshake is
 * recognised by what the server sends: no certificate chain, a fraction of the bytes.
 * usage: capi_sessions PKI_DIR (tests/data/pki/rsa2048) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/pk.h"
#include "mbedtls/ssl.h"
#include "mbedtls/ssl_cache.h"
#include "mbedtls/ssl_ticket.h"
#include "mbedtls/x509_crt.h"

static int failures = 0;
#define CHECK(cond)                                          \
  do {                                                       \
    if (!(cond)) {                                           \
      printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                            \
    }                                                        \
  } while (0)
#define CHECK_RET(expr, want)                                                       \
  do {                                                                              \
    int got_ = (expr);                                                              \
    if (got_ != (want)) {                                                           \
      printf("FAIL %s:%d: %s = -0x%04x, want -0x%04x\n", __FILE__, __LINE__, #expr, \
             (unsigned int)-got_, (unsigned int)-(want));                           \
      ++failures;                                                                   \
    }                                                                               \
  } while (0)

struct pipe {
  unsigned char data[65536];
  size_t len;
};
struct end {
  struct pipe *in, *out;
  unsigned int tick;
  unsigned long sent; /* bytes this side has written */
};

static int mem_send(void* ctx, const unsigned char* buf, size_t len) {
  struct end* e = ctx;
  size_t n;
  if ((e->tick++ & 1) == 0) return MBEDTLS_ERR_SSL_WANT_WRITE;
  n = sizeof e->out->data - e->out->len;
  if (n > len) n = len;
  if (n == 0) return MBEDTLS_ERR_SSL_WANT_WRITE;
  memcpy(e->out->data + e->out->len, buf, n);
  e->out->len += n;
  e->sent += n;
  return (int)n;
}

static int mem_recv(void* ctx, unsigned char* buf, size_t len) {
  struct end* e = ctx;
  size_t n;
  if ((e->tick++ & 1) == 0 || e->in->len == 0) return MBEDTLS_ERR_SSL_WANT_READ;
  n = len < e->in->len ? len : e->in->len;
  memcpy(buf, e->in->data, n);
  memmove(e->in->data, e->in->data + n, e->in->len - n);
  e->in->len -= n;
  return (int)n;
}

static int is_want(int ret) {
  return ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE;
}

static struct pipe c2s, s2c;
static struct end ce, se;

static void reset_pipes(void) {
  memset(&c2s, 0, sizeof c2s);
  memset(&s2c, 0, sizeof s2c);
  memset(&ce, 0, sizeof ce);
  memset(&se, 0, sizeof se);
  ce.in = &s2c;
  ce.out = &c2s;
  se.in = &c2s;
  se.out = &s2c;
}

/* Both handshakes to the end; 0 when both succeeded. */
static int handshake_pair(mbedtls_ssl_context* cli, mbedtls_ssl_context* srv) {
  int cret = 1, sret = 1, rounds = 0;
  while ((cret != 0 || sret != 0) && rounds++ < 100000) {
    if (cret != 0 && !is_want(cret = mbedtls_ssl_handshake(cli)) && cret != 0) break;
    if (sret != 0 && !is_want(sret = mbedtls_ssl_handshake(srv)) && sret != 0) break;
  }
  CHECK_RET(cret, 0);
  CHECK_RET(sret, 0);
  return cret != 0 || sret != 0;
}

/* The server writes msg, the client reads it (a TLS 1.3 NewSessionTicket comes first). */
static void server_says(mbedtls_ssl_context* cli, mbedtls_ssl_context* srv, const char* msg) {
  unsigned char buf[64];
  int wret = MBEDTLS_ERR_SSL_WANT_WRITE, rret = MBEDTLS_ERR_SSL_WANT_READ, rounds = 0;
  size_t len = strlen(msg);
  while ((is_want(wret) || is_want(rret)) && rounds++ < 100000) {
    if (is_want(wret)) wret = mbedtls_ssl_write(srv, (const unsigned char*)msg, len);
    if (is_want(rret)) rret = mbedtls_ssl_read(cli, buf, sizeof buf);
  }
  CHECK_RET(wret, (int)len);
  CHECK_RET(rret, (int)len);
  CHECK(rret == (int)len && memcmp(buf, msg, len) == 0);
}

struct pki {
  mbedtls_x509_crt ca, chain;
  mbedtls_pk_context key;
};

enum mode { ID12, TICKET12, TICKET13, NOCACHE12 };
static const char* mode_name[] = {"TLS 1.2 session ID", "TLS 1.2 ticket", "TLS 1.3 ticket",
                                  "TLS 1.2 without cache"};

static void run_resume(struct pki* p, enum mode mode, mbedtls_ctr_drbg_context* drbg) {
  mbedtls_ssl_config cconf, sconf;
  mbedtls_ssl_context cli, srv;
  mbedtls_ssl_cache_context cache;
  mbedtls_ssl_ticket_context ticket;
  mbedtls_ssl_session saved;
  unsigned long full_bytes, resumed_bytes;
  int suite;

  printf("%s:\n", mode_name[mode]);
  reset_pipes();
  mbedtls_ssl_cache_init(&cache);
  mbedtls_ssl_ticket_init(&ticket);
  mbedtls_ssl_session_init(&saved);
  mbedtls_ssl_config_init(&cconf);
  mbedtls_ssl_config_init(&sconf);
  CHECK_RET(mbedtls_ssl_config_defaults(&cconf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                        MBEDTLS_SSL_PRESET_DEFAULT),
            0);
  CHECK_RET(mbedtls_ssl_config_defaults(&sconf, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM,
                                        MBEDTLS_SSL_PRESET_DEFAULT),
            0);
  mbedtls_ssl_conf_rng(&cconf, mbedtls_ctr_drbg_random, drbg);
  mbedtls_ssl_conf_rng(&sconf, mbedtls_ctr_drbg_random, drbg);
  mbedtls_ssl_conf_ca_chain(&cconf, &p->ca, NULL);
  CHECK_RET(mbedtls_ssl_conf_own_cert(&sconf, &p->chain, &p->key), 0);
  if (mode != TICKET13) mbedtls_ssl_conf_max_version(&cconf, 3, 3);
  if (mode == ID12 || mode == NOCACHE12)
    mbedtls_ssl_conf_session_tickets(&cconf, MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
  if (mode == ID12)
    mbedtls_ssl_conf_session_cache(&sconf, &cache, mbedtls_ssl_cache_get, mbedtls_ssl_cache_set);
  if (mode == TICKET12 || mode == TICKET13) {
    CHECK_RET(mbedtls_ssl_ticket_setup(&ticket, mbedtls_ctr_drbg_random, drbg,
                                       MBEDTLS_CIPHER_AES_256_GCM, 86400),
              0);
    mbedtls_ssl_conf_session_tickets_cb(&sconf, mbedtls_ssl_ticket_write, mbedtls_ssl_ticket_parse,
                                        &ticket);
  }

  mbedtls_ssl_init(&cli);
  mbedtls_ssl_init(&srv);
  CHECK_RET(mbedtls_ssl_setup(&cli, &cconf), 0);
  CHECK_RET(mbedtls_ssl_setup(&srv, &sconf), 0);
  CHECK_RET(mbedtls_ssl_set_hostname(&cli, "localhost"), 0);
  mbedtls_ssl_set_bio(&cli, &ce, mem_send, mem_recv, NULL);
  mbedtls_ssl_set_bio(&srv, &se, mem_send, mem_recv, NULL);
  CHECK_RET(mbedtls_ssl_get_session(&cli, &saved), MBEDTLS_ERR_SSL_BAD_INPUT_DATA); /* too early */

  if (handshake_pair(&cli, &srv) != 0) goto out;
  full_bytes = se.sent;
  server_says(&cli, &srv, "first connection");
  CHECK(strcmp(mbedtls_ssl_get_version(&cli), mode == TICKET13 ? "TLSv1.3" : "TLSv1.2") == 0);
  suite = cli.session->ciphersuite;
  CHECK_RET(mbedtls_ssl_get_session(&srv, &saved), MBEDTLS_ERR_SSL_BAD_INPUT_DATA); /* server */
  CHECK_RET(mbedtls_ssl_get_session(&cli, &saved), 0);
  CHECK_RET(mbedtls_ssl_get_session(&cli, &saved), 0); /* again: the first copy is freed */
  CHECK(saved.ciphersuite == suite);
  CHECK(saved.verify_result == 0);
  CHECK(saved.peer_cert != NULL && saved.peer_cert->next == NULL); /* the leaf only */
  CHECK(saved.peer_cert != NULL && saved.peer_cert->raw.len == cli.session->peer_cert->raw.len);
  if (mode != NOCACHE12) CHECK(saved.ember_state_len > 0);

  /* A new connection on the same contexts, resuming. */
  CHECK_RET(mbedtls_ssl_session_reset(&cli), 0);
  CHECK_RET(mbedtls_ssl_session_reset(&srv), 0);
  reset_pipes();
  CHECK_RET(mbedtls_ssl_set_session(&srv, &saved), MBEDTLS_ERR_SSL_BAD_INPUT_DATA); /* server */
  CHECK_RET(mbedtls_ssl_set_session(&cli, &saved), 0);
  if (handshake_pair(&cli, &srv) != 0) goto out;
  resumed_bytes = se.sent;
  server_says(&cli, &srv, "second connection");
  CHECK_RET(mbedtls_ssl_set_session(&cli, &saved), MBEDTLS_ERR_SSL_BAD_INPUT_DATA); /* too late */
  CHECK(cli.session->ciphersuite == suite);
  printf("  server sent %lu bytes in the full handshake, %lu in the second\n", full_bytes,
         resumed_bytes);
  if (mode == NOCACHE12) {
    CHECK(resumed_bytes * 2 > full_bytes); /* nothing to resume from: a full handshake */
  } else {
    CHECK(resumed_bytes * 3 < full_bytes); /* resumed: no certificate chain */
    CHECK(mbedtls_ssl_get_verify_result(&cli) == 0);
  }

out:
  mbedtls_ssl_session_free(&saved);
  mbedtls_ssl_session_free(&saved); /* twice: safe */
  mbedtls_ssl_free(&cli);
  mbedtls_ssl_free(&srv);
  mbedtls_ssl_config_free(&cconf);
  mbedtls_ssl_config_free(&sconf);
  mbedtls_ssl_cache_free(&cache);
  mbedtls_ssl_ticket_free(&ticket);
}

/* mbedtls_ssl_set_verify takes precedence over mbedtls_ssl_conf_verify; the callback sees the
 * chain top to leaf (depths 2, 1, 0). */
static int depths_a[8], depths_b[8], calls_a, calls_b;
static int count_a(void* p, mbedtls_x509_crt* crt, int depth, uint32_t* flags) {
  (void)p;
  (void)crt;
  (void)flags;
  if (calls_a < 8) depths_a[calls_a] = depth;
  ++calls_a;
  return 0;
}
static int count_b(void* p, mbedtls_x509_crt* crt, int depth, uint32_t* flags) {
  (void)p;
  (void)flags;
  if (calls_b < 8) depths_b[calls_b] = depth;
  ++calls_b;
  CHECK(crt != NULL && crt->raw.len > 0);
  return 0;
}

static void verify_precedence(struct pki* p, mbedtls_ctr_drbg_context* drbg) {
  mbedtls_ssl_config cconf, sconf;
  mbedtls_ssl_context cli, cli2, srv;
  int pass;

  printf("verify callbacks:\n");
  mbedtls_ssl_config_init(&cconf);
  mbedtls_ssl_config_init(&sconf);
  CHECK_RET(mbedtls_ssl_config_defaults(&cconf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                        MBEDTLS_SSL_PRESET_DEFAULT),
            0);
  CHECK_RET(mbedtls_ssl_config_defaults(&sconf, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM,
                                        MBEDTLS_SSL_PRESET_DEFAULT),
            0);
  mbedtls_ssl_conf_rng(&cconf, mbedtls_ctr_drbg_random, drbg);
  mbedtls_ssl_conf_rng(&sconf, mbedtls_ctr_drbg_random, drbg);
  mbedtls_ssl_conf_ca_chain(&cconf, &p->ca, NULL);
  CHECK_RET(mbedtls_ssl_conf_own_cert(&sconf, &p->chain, &p->key), 0);
  mbedtls_ssl_conf_verify(&cconf, count_a, NULL);
  for (pass = 0; pass < 2; ++pass) {
    /* pass 0: the context's callback wins; pass 1: the configuration's is used. */
    calls_a = calls_b = 0;
    reset_pipes();
    mbedtls_ssl_init(&cli);
    mbedtls_ssl_init(&srv);
    CHECK_RET(mbedtls_ssl_setup(&cli, &cconf), 0);
    CHECK_RET(mbedtls_ssl_setup(&srv, &sconf), 0);
    CHECK_RET(mbedtls_ssl_set_hostname(&cli, "localhost"), 0);
    if (pass == 0) mbedtls_ssl_set_verify(&cli, count_b, NULL);
    mbedtls_ssl_set_bio(&cli, &ce, mem_send, mem_recv, NULL);
    mbedtls_ssl_set_bio(&srv, &se, mem_send, mem_recv, NULL);
    (void)handshake_pair(&cli, &srv);
    if (pass == 0) {
      CHECK(calls_a == 0 && calls_b == 3);
      CHECK(depths_b[0] == 2 && depths_b[1] == 1 && depths_b[2] == 0);
    } else {
      CHECK(calls_a == 3 && calls_b == 0);
      CHECK(depths_a[0] == 2 && depths_a[1] == 1 && depths_a[2] == 0);
    }
    mbedtls_ssl_free(&cli);
    mbedtls_ssl_free(&srv);
  }
  mbedtls_ssl_init(&cli2);
  mbedtls_ssl_set_verify(&cli2, count_b, NULL); /* before setup: ignored, no crash */
  mbedtls_ssl_set_verify(NULL, count_b, NULL);
  mbedtls_ssl_free(&cli2);
  mbedtls_ssl_config_free(&cconf);
  mbedtls_ssl_config_free(&sconf);
}

/* The cache and ticket functions called directly, as a program's own callbacks would. */
static void direct_calls(mbedtls_ctr_drbg_context* drbg) {
  mbedtls_ssl_cache_context cache;
  mbedtls_ssl_ticket_context ticket, other;
  mbedtls_ssl_session s, t;
  unsigned char buf[1024];
  size_t tlen = 0;
  uint32_t lifetime = 0;
  const unsigned char state[] = "resumable state";

  printf("direct calls:\n");
  mbedtls_ssl_session_init(&s);
  mbedtls_ssl_session_init(&t);
  mbedtls_ssl_cache_init(&cache);
  CHECK(cache.timeout == MBEDTLS_SSL_CACHE_DEFAULT_TIMEOUT);
  CHECK(cache.max_entries == MBEDTLS_SSL_CACHE_DEFAULT_MAX_ENTRIES);
  s.id_len = 32;
  memset(s.id, 0xA5, 32);
  CHECK_RET(mbedtls_ssl_cache_set(&cache, &s), MBEDTLS_ERR_SSL_BAD_INPUT_DATA); /* no state */
  s.ember_state = (unsigned char*)malloc(sizeof state);
  memcpy(s.ember_state, state, sizeof state);
  s.ember_state_len = sizeof state;
  CHECK_RET(mbedtls_ssl_cache_set(&cache, &s), 0);
  t.id_len = 32;
  memset(t.id, 0xA5, 32);
  CHECK_RET(mbedtls_ssl_cache_get(&cache, &t), 0);
  CHECK(t.ember_state_len == sizeof state && memcmp(t.ember_state, state, sizeof state) == 0);
  t.id[0] = 0;
  CHECK_RET(mbedtls_ssl_cache_get(&cache, &t), MBEDTLS_ERR_SSL_CACHE_ENTRY_NOT_FOUND);
  /* One entry at most: storing a second evicts the first. */
  mbedtls_ssl_cache_set_max_entries(&cache, 1);
  s.id[0] = 1;
  CHECK_RET(mbedtls_ssl_cache_set(&cache, &s), 0);
  t.id[0] = 0xA5;
  CHECK_RET(mbedtls_ssl_cache_get(&cache, &t), MBEDTLS_ERR_SSL_CACHE_ENTRY_NOT_FOUND);
  t.id[0] = 1;
  CHECK_RET(mbedtls_ssl_cache_get(&cache, &t), 0);
  /* A one-second lifetime: gone two seconds later. */
  mbedtls_ssl_cache_set_timeout(&cache, 1);
  CHECK(cache.timeout == 1);
  CHECK_RET(mbedtls_ssl_cache_set(&cache, &s), 0);
  sleep(2);
  CHECK_RET(mbedtls_ssl_cache_get(&cache, &t), MBEDTLS_ERR_SSL_CACHE_ENTRY_NOT_FOUND);
  CHECK_RET(mbedtls_ssl_cache_get(NULL, &t), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  mbedtls_ssl_cache_free(&cache);
  mbedtls_ssl_cache_free(&cache);

  mbedtls_ssl_ticket_init(&ticket);
  mbedtls_ssl_ticket_init(&other);
  CHECK_RET(mbedtls_ssl_ticket_write(&ticket, &s, buf, buf + sizeof buf, &tlen, &lifetime),
            MBEDTLS_ERR_SSL_BAD_INPUT_DATA); /* not set up */
  CHECK_RET(
      mbedtls_ssl_ticket_setup(&ticket, mbedtls_ctr_drbg_random, drbg, MBEDTLS_CIPHER_NONE, 3600),
      MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_ticket_setup(&ticket, NULL, drbg, MBEDTLS_CIPHER_AES_256_GCM, 3600),
            MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_ticket_setup(&ticket, mbedtls_ctr_drbg_random, drbg,
                                     MBEDTLS_CIPHER_AES_256_GCM, 3600),
            0);
  CHECK_RET(mbedtls_ssl_ticket_setup(&ticket, mbedtls_ctr_drbg_random, drbg,
                                     MBEDTLS_CIPHER_AES_256_GCM, 3600),
            MBEDTLS_ERR_SSL_BAD_INPUT_DATA); /* twice */
  CHECK_RET(mbedtls_ssl_ticket_setup(&other, mbedtls_ctr_drbg_random, drbg,
                                     MBEDTLS_CIPHER_AES_128_GCM, 3600),
            0);
  CHECK_RET(mbedtls_ssl_ticket_write(&ticket, &s, buf, buf + 8, &tlen, &lifetime),
            MBEDTLS_ERR_SSL_BUFFER_TOO_SMALL);
  CHECK_RET(mbedtls_ssl_ticket_write(&ticket, &s, buf, buf + sizeof buf, &tlen, &lifetime), 0);
  CHECK(lifetime == 3600);
  CHECK(tlen > sizeof state && tlen < 200);
  {
    size_t i, found = 0;
    for (i = 0; i + sizeof state - 1 <= tlen; ++i)
      if (memcmp(buf + i, state, sizeof state - 1) == 0) found = 1;
    CHECK(!found); /* sealed, not in clear */
  }
  mbedtls_ssl_session_free(&t);
  CHECK_RET(mbedtls_ssl_ticket_parse(&ticket, &t, buf, tlen), 0);
  CHECK(t.ember_state_len == sizeof state && memcmp(t.ember_state, state, sizeof state) == 0);
  CHECK_RET(mbedtls_ssl_ticket_parse(&other, &t, buf, tlen), MBEDTLS_ERR_SSL_INVALID_MAC);
  buf[tlen - 1] ^= 1;
  CHECK_RET(mbedtls_ssl_ticket_parse(&ticket, &t, buf, tlen), MBEDTLS_ERR_SSL_INVALID_MAC);
  CHECK_RET(mbedtls_ssl_ticket_parse(&ticket, &t, buf, 3), MBEDTLS_ERR_SSL_INVALID_MAC);
  mbedtls_ssl_ticket_free(&ticket);
  mbedtls_ssl_ticket_free(&other);
  mbedtls_ssl_ticket_free(&other);
  mbedtls_ssl_session_free(&s);
  mbedtls_ssl_session_free(&t);
  mbedtls_ssl_session_free(NULL);
  mbedtls_ssl_cache_free(NULL);
  mbedtls_ssl_ticket_free(NULL);
  CHECK_RET(mbedtls_ssl_get_session(NULL, &s), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_set_session(NULL, &s), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
}

/* get_bytes_avail / check_pending: a record read in part leaves the rest available. */
static void pending(struct pki* p, int tls12, mbedtls_ctr_drbg_context* drbg) {
  mbedtls_ssl_config cconf, sconf;
  mbedtls_ssl_context cli, srv;
  unsigned char buf[64];
  int ret = 0, rounds = 0;

  printf("pending data (%s):\n", tls12 ? "TLS 1.2" : "TLS 1.3");
  reset_pipes();
  mbedtls_ssl_config_init(&cconf);
  mbedtls_ssl_config_init(&sconf);
  CHECK_RET(mbedtls_ssl_config_defaults(&cconf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                        MBEDTLS_SSL_PRESET_DEFAULT),
            0);
  CHECK_RET(mbedtls_ssl_config_defaults(&sconf, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM,
                                        MBEDTLS_SSL_PRESET_DEFAULT),
            0);
  mbedtls_ssl_conf_rng(&cconf, mbedtls_ctr_drbg_random, drbg);
  mbedtls_ssl_conf_rng(&sconf, mbedtls_ctr_drbg_random, drbg);
  mbedtls_ssl_conf_ca_chain(&cconf, &p->ca, NULL);
  CHECK_RET(mbedtls_ssl_conf_own_cert(&sconf, &p->chain, &p->key), 0);
  if (tls12) mbedtls_ssl_conf_max_version(&cconf, 3, 3);
  mbedtls_ssl_init(&cli);
  mbedtls_ssl_init(&srv);
  CHECK(mbedtls_ssl_get_bytes_avail(&cli) == 0 && mbedtls_ssl_check_pending(&cli) == 0);
  CHECK_RET(mbedtls_ssl_setup(&cli, &cconf), 0);
  CHECK_RET(mbedtls_ssl_setup(&srv, &sconf), 0);
  CHECK_RET(mbedtls_ssl_set_hostname(&cli, "localhost"), 0);
  mbedtls_ssl_set_bio(&cli, &ce, mem_send, mem_recv, NULL);
  mbedtls_ssl_set_bio(&srv, &se, mem_send, mem_recv, NULL);
  if (handshake_pair(&cli, &srv) == 0) {
    server_says(&cli, &srv, "x"); /* TLS 1.3: the tickets are out of the way */
    CHECK(mbedtls_ssl_get_bytes_avail(&cli) == 0 && mbedtls_ssl_check_pending(&cli) == 0);
    /* Two records: "0123456789", "abc". */
    while (rounds++ < 1000 &&
           is_want(ret = mbedtls_ssl_write(&srv, (const unsigned char*)"0123456789", 10)))
      ;
    CHECK_RET(ret, 10);
    while (rounds++ < 2000 &&
           is_want(ret = mbedtls_ssl_write(&srv, (const unsigned char*)"abc", 3)))
      ;
    CHECK_RET(ret, 3);
    ce.tick = 1; /* the next recv delivers everything */
    CHECK_RET(mbedtls_ssl_read(&cli, buf, 4), 4);
    CHECK(memcmp(buf, "0123", 4) == 0);
    CHECK(mbedtls_ssl_get_bytes_avail(&cli) == 6);
    CHECK(mbedtls_ssl_check_pending(&cli) == 1);
    CHECK_RET(mbedtls_ssl_read(&cli, buf, sizeof buf), 6);
    CHECK(mbedtls_ssl_get_bytes_avail(&cli) == 0);
    CHECK(mbedtls_ssl_check_pending(&cli) == 1); /* the second record is buffered, unread */
    ce.tick = 1;
    CHECK_RET(mbedtls_ssl_read(&cli, buf, sizeof buf), 3);
    CHECK(memcmp(buf, "abc", 3) == 0);
    CHECK(mbedtls_ssl_get_bytes_avail(&cli) == 0 && mbedtls_ssl_check_pending(&cli) == 0);
  }
  mbedtls_ssl_free(&cli);
  mbedtls_ssl_free(&srv);
  mbedtls_ssl_config_free(&cconf);
  mbedtls_ssl_config_free(&sconf);
}

int main(int argc, char** argv) {
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  struct pki p;
  char path[512];
  if (argc != 2) {
    printf("usage: capi_sessions PKI_DIR (tests/data/pki/rsa2048)\n");
    return 2;
  }
  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&drbg);
  CHECK_RET(mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                                  (const unsigned char*)"sessions", 8),
            0);
  mbedtls_x509_crt_init(&p.ca);
  mbedtls_x509_crt_init(&p.chain);
  mbedtls_pk_init(&p.key);
  snprintf(path, sizeof path, "%s/ca.crt", argv[1]);
  CHECK_RET(mbedtls_x509_crt_parse_file(&p.ca, path), 0);
  snprintf(path, sizeof path, "%s/server-chain.crt", argv[1]);
  CHECK_RET(mbedtls_x509_crt_parse_file(&p.chain, path), 0);
  snprintf(path, sizeof path, "%s/server.key", argv[1]);
  CHECK_RET(mbedtls_pk_parse_keyfile(&p.key, path, NULL), 0);

  run_resume(&p, ID12, &drbg);
  run_resume(&p, TICKET12, &drbg);
  run_resume(&p, TICKET13, &drbg);
  run_resume(&p, NOCACHE12, &drbg);
  direct_calls(&drbg);
  verify_precedence(&p, &drbg);
  pending(&p, 1, &drbg);
  pending(&p, 0, &drbg);

  mbedtls_x509_crt_free(&p.ca);
  mbedtls_x509_crt_free(&p.chain);
  mbedtls_pk_free(&p.key);
  mbedtls_ctr_drbg_free(&drbg);
  mbedtls_entropy_free(&entropy);
  printf("%s: %d failure(s)\n", failures ? "FAIL" : "ok", failures);
  return failures ? 1 : 0;
}
