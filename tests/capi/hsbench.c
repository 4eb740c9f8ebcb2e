/*
 * hsbench: full handshakes and 16 KiB records per second through the Mbed TLS 2.28 C API,
 * client and server in one process over in-memory pipes. The same source builds against
 * embertls (capi_hsbench) and Debian's Mbed TLS 2.28 (capi_hsbench_mbedtls), so the figures
 * compare the two libraries behind one C program. Not a test: run it by hand.
 * Usage: hsbench PKI_DIR [tls12|tls13] [rsa2048|p256] [handshakes] [megabytes]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/pk.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crt.h"

struct pipe {
  unsigned char data[1 << 17];
  size_t len;
};
struct end {
  struct pipe *in, *out;
};

static int mem_send(void* ctx, const unsigned char* buf, size_t len) {
  struct end* e = ctx;
  size_t room = sizeof e->out->data - e->out->len;
  if (room == 0) return MBEDTLS_ERR_SSL_WANT_WRITE;
  if (len > room) len = room;
  memcpy(e->out->data + e->out->len, buf, len);
  e->out->len += len;
  return (int)len;
}

static int mem_recv(void* ctx, unsigned char* buf, size_t len) {
  struct end* e = ctx;
  if (e->in->len == 0) return MBEDTLS_ERR_SSL_WANT_READ;
  if (len > e->in->len) len = e->in->len;
  memcpy(buf, e->in->data, len);
  memmove(e->in->data, e->in->data + len, e->in->len - len);
  e->in->len -= len;
  return (int)len;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int want(int r) {
  return r == MBEDTLS_ERR_SSL_WANT_READ || r == MBEDTLS_ERR_SSL_WANT_WRITE;
}

int main(int argc, char** argv) {
  static struct pipe c2s, s2c;
  struct end ce = {&s2c, &c2s}, se = {&c2s, &s2c};
  const char* dir = argc > 1 ? argv[1] : "tests/data/pki";
  int tls12 = argc > 2 && strcmp(argv[2], "tls12") == 0;
  const char* keyset = argc > 3 ? argv[3] : "rsa2048";
  int n = argc > 4 ? atoi(argv[4]) : 200, i, ret;
  int mb = argc > 5 ? atoi(argv[5]) : 64;
  char path[512];
  static unsigned char buf[16384];
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  mbedtls_x509_crt ca, chain;
  mbedtls_pk_context key;
  mbedtls_ssl_config cconf, sconf;
  mbedtls_ssl_context cli, srv;
  double t0, t1;

  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&drbg);
  mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0);
  mbedtls_x509_crt_init(&ca);
  mbedtls_x509_crt_init(&chain);
  mbedtls_pk_init(&key);
  snprintf(path, sizeof path, "%s/%s/ca.crt", dir, keyset);
  if (mbedtls_x509_crt_parse_file(&ca, path) != 0) return 2;
  snprintf(path, sizeof path, "%s/%s/server-chain.crt", dir, keyset);
  if (mbedtls_x509_crt_parse_file(&chain, path) != 0) return 2;
  snprintf(path, sizeof path, "%s/%s/server.key", dir, keyset);
  if (mbedtls_pk_parse_keyfile(&key, path, NULL) != 0) return 2;
  mbedtls_ssl_config_init(&cconf);
  mbedtls_ssl_config_init(&sconf);
  mbedtls_ssl_config_defaults(&cconf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM, 0);
  mbedtls_ssl_config_defaults(&sconf, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM, 0);
  mbedtls_ssl_conf_rng(&cconf, mbedtls_ctr_drbg_random, &drbg);
  mbedtls_ssl_conf_rng(&sconf, mbedtls_ctr_drbg_random, &drbg);
  mbedtls_ssl_conf_ca_chain(&cconf, &ca, NULL);
  if (mbedtls_ssl_conf_own_cert(&sconf, &chain, &key) != 0) return 2;
  if (tls12) mbedtls_ssl_conf_max_version(&cconf, 3, 3);
  mbedtls_ssl_init(&cli);
  mbedtls_ssl_init(&srv);
  mbedtls_ssl_setup(&cli, &cconf);
  mbedtls_ssl_setup(&srv, &sconf);
  mbedtls_ssl_set_hostname(&cli, "localhost");
  mbedtls_ssl_set_bio(&cli, &ce, mem_send, mem_recv, NULL);
  mbedtls_ssl_set_bio(&srv, &se, mem_send, mem_recv, NULL);

  t0 = now();
  for (i = 0; i < n; ++i) {
    int cr = 1, sr = 1;
    if (i > 0) {
      mbedtls_ssl_session_reset(&cli);
      mbedtls_ssl_session_reset(&srv);
      c2s.len = s2c.len = 0;
    }
    while (cr != 0 || sr != 0) {
      if (cr != 0 && (cr = mbedtls_ssl_handshake(&cli)) != 0 && !want(cr)) break;
      if (sr != 0 && (sr = mbedtls_ssl_handshake(&srv)) != 0 && !want(sr)) break;
    }
    if (cr != 0 || sr != 0) {
      printf("handshake failed: client -0x%x server -0x%x\n", (unsigned)-cr, (unsigned)-sr);
      return 1;
    }
  }
  t1 = now();
  printf("%s %s %s: %d handshakes in %.3f s = %.1f handshakes/s\n", mbedtls_ssl_get_version(&cli),
         keyset, mbedtls_ssl_get_ciphersuite(&cli), n, t1 - t0, n / (t1 - t0));

  memset(buf, 0x5a, sizeof buf);
  t0 = now();
  for (i = 0; i < mb * 64; ++i) {
    size_t off = 0;
    while (off < sizeof buf) {
      ret = mbedtls_ssl_write(&cli, buf + off, sizeof buf - off);
      if (ret > 0)
        off += (size_t)ret;
      else if (!want(ret))
        return 1;
      while ((ret = mbedtls_ssl_read(&srv, buf, sizeof buf)) > 0) {
      }
      if (!want(ret)) return 1;
    }
  }
  t1 = now();
  printf("16 KiB records: %d MiB in %.3f s = %.1f MiB/s\n", mb, t1 - t0, mb / (t1 - t0));
  mbedtls_ssl_free(&cli);
  mbedtls_ssl_free(&srv);
  mbedtls_ssl_config_free(&cconf);
  mbedtls_ssl_config_free(&sconf);
  mbedtls_x509_crt_free(&ca);
  mbedtls_x509_crt_free(&chain);
  mbedtls_pk_free(&key);
  mbedtls_ctr_drbg_free(&drbg);
  mbedtls_entropy_free(&entropy);
  return 0;
}
