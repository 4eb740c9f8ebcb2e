/* mbedtls_ssl_conf_psk_cb / mbedtls_ssl_set_hs_psk over in-memory BIOs, TLS 1.2 PSK suites:
 * a known identity, an unknown one, a callback that accepts without a key, a wrong key, and
 * set_hs_psk outside the callback. Built against embertls and against Mbed TLS 2.28; both must
 * print the same lines (capi.psk_cb compares them). */
#include <stdio.h>
#include <string.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/ssl.h"

struct pipe {
  unsigned char data[32768];
  size_t len;
};
struct end {
  struct pipe *in, *out;
};

static int mem_send(void* ctx, const unsigned char* buf, size_t len) {
  struct end* e = ctx;
  size_t n = sizeof e->out->data - e->out->len;
  if (n > len) n = len;
  if (n == 0) return MBEDTLS_ERR_SSL_WANT_WRITE;
  memcpy(e->out->data + e->out->len, buf, n);
  e->out->len += n;
  return (int)n;
}

static int mem_recv(void* ctx, unsigned char* buf, size_t len) {
  struct end* e = ctx;
  size_t n = len < e->in->len ? len : e->in->len;
  if (n == 0) return MBEDTLS_ERR_SSL_WANT_READ;
  memcpy(buf, e->in->data, n);
  memmove(e->in->data, e->in->data + n, e->in->len - n);
  e->in->len -= n;
  return (int)n;
}

static const unsigned char key_alice[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
static const unsigned char key_bob[20] = {7};
static int calls = 0;

/* Knows alice and bob; "nokey" is accepted without a key; anything else is unknown. */
static int psk_lookup(void* p, mbedtls_ssl_context* ssl, const unsigned char* id, size_t len) {
  unsigned char big[64] = {0};
  ++calls;
  (void)p;
  printf("  callback: identity \"%.*s\"\n", (int)len, (const char*)id);
  printf("  set_hs_psk(64 bytes) -0x%04x\n", (unsigned int)-mbedtls_ssl_set_hs_psk(ssl, big, 64));
  if (len == 5 && memcmp(id, "alice", 5) == 0)
    return mbedtls_ssl_set_hs_psk(ssl, key_alice, sizeof key_alice);
  if (len == 3 && memcmp(id, "bob", 3) == 0)
    return mbedtls_ssl_set_hs_psk(ssl, key_bob, sizeof key_bob);
  if (len == 5 && memcmp(id, "nokey", 5) == 0) return 0;
  return -1;
}

static void run(mbedtls_ctr_drbg_context* drbg, const char* identity, const unsigned char* key,
                size_t key_len) {
  static const int suites[] = {MBEDTLS_TLS_PSK_WITH_AES_128_GCM_SHA256, 0};
  mbedtls_ssl_config cconf, sconf;
  mbedtls_ssl_context cli, srv;
  static struct pipe c2s, s2c;
  struct end ce, se;
  int cret = 1, sret = 1, rounds = 0;

  printf("identity %s, %u-byte key:\n", identity, (unsigned int)key_len);
  memset(&c2s, 0, sizeof c2s);
  memset(&s2c, 0, sizeof s2c);
  ce.in = &s2c;
  ce.out = &c2s;
  se.in = &c2s;
  se.out = &s2c;
  calls = 0;
  mbedtls_ssl_config_init(&cconf);
  mbedtls_ssl_config_init(&sconf);
  mbedtls_ssl_config_defaults(&cconf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                              MBEDTLS_SSL_PRESET_DEFAULT);
  mbedtls_ssl_config_defaults(&sconf, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM,
                              MBEDTLS_SSL_PRESET_DEFAULT);
  mbedtls_ssl_conf_rng(&cconf, mbedtls_ctr_drbg_random, drbg);
  mbedtls_ssl_conf_rng(&sconf, mbedtls_ctr_drbg_random, drbg);
  mbedtls_ssl_conf_max_version(&cconf, 3, 3);
  mbedtls_ssl_conf_max_version(&sconf, 3, 3);
  mbedtls_ssl_conf_ciphersuites(&cconf, suites);
  mbedtls_ssl_conf_ciphersuites(&sconf, suites);
  mbedtls_ssl_conf_psk(&cconf, key, key_len, (const unsigned char*)identity, strlen(identity));
  mbedtls_ssl_conf_psk_cb(&sconf, psk_lookup, NULL);
  mbedtls_ssl_init(&cli);
  mbedtls_ssl_init(&srv);
  mbedtls_ssl_setup(&cli, &cconf);
  mbedtls_ssl_setup(&srv, &sconf);
  /* A key given before the handshake: used when the callback accepts without giving one. */
  printf("  set_hs_psk before the handshake -0x%04x\n",
         (unsigned int)-mbedtls_ssl_set_hs_psk(&srv, key_alice, sizeof key_alice));
  printf("  set_hs_psk(NULL) -0x%04x\n", (unsigned int)-mbedtls_ssl_set_hs_psk(&srv, NULL, 0));
  mbedtls_ssl_set_hostname(&cli, "localhost"); /* embertls wants one even for PSK suites */
  mbedtls_ssl_set_bio(&cli, &ce, mem_send, mem_recv, NULL);
  mbedtls_ssl_set_bio(&srv, &se, mem_send, mem_recv, NULL);
  while (rounds++ < 1000) {
    int progressed = 0;
    if (cret != 0 &&
        (cret == 1 || cret == MBEDTLS_ERR_SSL_WANT_READ || cret == MBEDTLS_ERR_SSL_WANT_WRITE)) {
      cret = mbedtls_ssl_handshake(&cli);
      progressed = 1;
    }
    if (sret != 0 &&
        (sret == 1 || sret == MBEDTLS_ERR_SSL_WANT_READ || sret == MBEDTLS_ERR_SSL_WANT_WRITE)) {
      sret = mbedtls_ssl_handshake(&srv);
      progressed = 1;
    }
    if (!progressed) break;
  }
  printf("  callback calls %d\n  server -0x%04x\n  client -0x%04x\n", calls, (unsigned int)-sret,
         (unsigned int)-cret);
  if (sret == 0 && cret == 0) printf("  suite %s\n", mbedtls_ssl_get_ciphersuite(&cli));
  mbedtls_ssl_free(&cli);
  mbedtls_ssl_free(&srv);
  mbedtls_ssl_config_free(&cconf);
  mbedtls_ssl_config_free(&sconf);
}

int main(void) {
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  static const unsigned char wrong[16] = {9};
  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&drbg);
  if (mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, (const unsigned char*)"psk",
                            3)) {
    printf("seed failed\n");
    return 1;
  }
  run(&drbg, "alice", key_alice, sizeof key_alice);
  run(&drbg, "bob", key_bob, sizeof key_bob);
  run(&drbg, "mallory", key_alice, sizeof key_alice);
  run(&drbg, "nokey", key_alice, sizeof key_alice);
  run(&drbg, "alice", wrong, sizeof wrong);
  mbedtls_ctr_drbg_free(&drbg);
  mbedtls_entropy_free(&entropy);
  return 0;
}
