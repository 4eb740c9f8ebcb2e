/*
 * memio: client and server through the Mbed TLS 2.28 API, connected by in-memory pipes whose
 * BIO callbacks take or give one byte at a time and say WANT_READ / WANT_WRITE every other
 * call, so every handshake, read, write and close_notify is interrupted and resumed many
 * times. Also the bad input the reference forbids (NULL pointers, calls out of order,
 * refused versions): documented error codes, no crash. Every check prints and counts.
 * MEMIO_BULK=1 in the environment: reads take everything available instead of one byte.
 * Also mbedtls_net_* over real loopback sockets (bind, accept, connect, blocking and
 * non-blocking send/recv, poll, recv_timeout, usleep).
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/error.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/pk.h"
#include "mbedtls/ssl.h"
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

/* A one-direction pipe. */
struct pipe {
  unsigned char data[65536];
  size_t len;
};
/* One side's BIO: reads from `in`, writes to `out`; `tick` alternates WANT_* and 1 byte. */
struct end {
  struct pipe *in, *out;
  unsigned int tick;
  unsigned long want_reads, want_writes;
};

static int mem_send(void* ctx, const unsigned char* buf, size_t len) {
  struct end* e = ctx;
  if ((e->tick++ & 1) == 0) {
    ++e->want_writes;
    return MBEDTLS_ERR_SSL_WANT_WRITE;
  }
  if (len == 0) return 0;
  if (e->out->len == sizeof e->out->data) return MBEDTLS_ERR_SSL_WANT_WRITE;
  e->out->data[e->out->len++] = buf[0];
  return 1;
}

static int mem_recv(void* ctx, unsigned char* buf, size_t len) {
  struct end* e = ctx;
  if ((e->tick++ & 1) == 0 || e->in->len == 0) {
    ++e->want_reads;
    return MBEDTLS_ERR_SSL_WANT_READ;
  }
  if (len == 0) return 0;
  if (getenv("MEMIO_BULK") != NULL) {
    size_t n = len < e->in->len ? len : e->in->len;
    memcpy(buf, e->in->data, n);
    memmove(e->in->data, e->in->data + n, e->in->len - n);
    e->in->len -= n;
    return (int)n;
  }
  buf[0] = e->in->data[0];
  memmove(e->in->data, e->in->data + 1, --e->in->len);
  return 1;
}

static int is_want(int ret) {
  return ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE;
}

struct pki {
  mbedtls_x509_crt ca, chain;
  mbedtls_pk_context key;
};

static void run_pair(const char* pki_dir, int tls12, mbedtls_ctr_drbg_context* drbg) {
  char path[512];
  struct pki p;
  mbedtls_ssl_config cconf, sconf;
  mbedtls_ssl_context cli, srv;
  struct pipe c2s, s2c;
  struct end ce, se;
  int cret = 1, sret = 1, rounds = 0;
  static unsigned char big[20000], got[20000];
  size_t sent = 0, received = 0, i;

  memset(&c2s, 0, sizeof c2s);
  memset(&s2c, 0, sizeof s2c);
  memset(&ce, 0, sizeof ce);
  memset(&se, 0, sizeof se);
  ce.in = &s2c;
  ce.out = &c2s;
  se.in = &c2s;
  se.out = &s2c;
  for (i = 0; i < sizeof big; ++i) big[i] = (unsigned char)(i * 7 + 3);

  mbedtls_x509_crt_init(&p.ca);
  mbedtls_x509_crt_init(&p.chain);
  mbedtls_pk_init(&p.key);
  snprintf(path, sizeof path, "%s/ca.crt", pki_dir);
  CHECK_RET(mbedtls_x509_crt_parse_file(&p.ca, path), 0);
  snprintf(path, sizeof path, "%s/server-chain.crt", pki_dir);
  CHECK_RET(mbedtls_x509_crt_parse_file(&p.chain, path), 0);
  CHECK(p.chain.next != NULL);
  snprintf(path, sizeof path, "%s/server.key", pki_dir);
  CHECK_RET(mbedtls_pk_parse_keyfile(&p.key, path, NULL), 0);

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
  mbedtls_ssl_conf_ca_chain(&cconf, &p.ca, NULL);
  CHECK_RET(mbedtls_ssl_conf_own_cert(&sconf, &p.chain, &p.key), 0);
  if (tls12) mbedtls_ssl_conf_max_version(&cconf, 3, 3);

  mbedtls_ssl_init(&cli);
  mbedtls_ssl_init(&srv);
  CHECK_RET(mbedtls_ssl_setup(&cli, &cconf), 0);
  CHECK_RET(mbedtls_ssl_setup(&srv, &sconf), 0);
  CHECK_RET(mbedtls_ssl_set_hostname(&cli, "localhost"), 0);
  mbedtls_ssl_set_bio(&cli, &ce, mem_send, mem_recv, NULL);
  mbedtls_ssl_set_bio(&srv, &se, mem_send, mem_recv, NULL);
  CHECK(mbedtls_ssl_get_verify_result(&cli) == 0xFFFFFFFFu);
  CHECK(mbedtls_ssl_get_ciphersuite(&cli) == NULL);
  CHECK(mbedtls_ssl_get_peer_cert(&cli) == NULL);
  CHECK(cli.session == NULL);

  /* Handshake, both sides interleaved. */
  while ((cret != 0 || sret != 0) && rounds++ < 200000) {
    if (cret != 0) {
      cret = mbedtls_ssl_handshake(&cli);
      if (cret != 0 && !is_want(cret)) break;
    }
    if (sret != 0) {
      sret = mbedtls_ssl_handshake(&srv);
      if (sret != 0 && !is_want(sret)) break;
    }
  }
  CHECK_RET(cret, 0);
  CHECK_RET(sret, 0);
  printf("  %s handshake: %d rounds, client WANT_READ %lu WANT_WRITE %lu\n",
         tls12 ? "TLS 1.2" : "TLS 1.3", rounds, ce.want_reads, ce.want_writes);
  CHECK(ce.want_reads > 0 && ce.want_writes > 0);
  CHECK(cli.state == MBEDTLS_SSL_HANDSHAKE_OVER);
  CHECK(srv.state == MBEDTLS_SSL_HANDSHAKE_OVER);
  CHECK(strcmp(mbedtls_ssl_get_version(&cli), tls12 ? "TLSv1.2" : "TLSv1.3") == 0);
  CHECK(strcmp(mbedtls_ssl_get_version(&srv), tls12 ? "TLSv1.2" : "TLSv1.3") == 0);
  CHECK(mbedtls_ssl_get_ciphersuite(&cli) != NULL &&
        strcmp(mbedtls_ssl_get_ciphersuite(&cli), mbedtls_ssl_get_ciphersuite(&srv)) == 0);
  printf("  suite %s\n", mbedtls_ssl_get_ciphersuite(&cli));
  CHECK(mbedtls_ssl_get_verify_result(&cli) == 0);
  CHECK(mbedtls_ssl_get_verify_result(&srv) == MBEDTLS_X509_BADCERT_SKIP_VERIFY);
  CHECK(cli.session != NULL && cli.session->ciphersuite == mbedtls_ssl_get_ciphersuite_id(
                                                               mbedtls_ssl_get_ciphersuite(&cli)));
  {
    const mbedtls_x509_crt* peer = mbedtls_ssl_get_peer_cert(&cli);
    char dn[256];
    CHECK(peer != NULL);
    if (peer != NULL) {
      CHECK(mbedtls_x509_dn_gets(dn, sizeof dn, &peer->subject) > 0);
      CHECK(strcmp(dn, "CN=localhost, O=embertls test, C=NL") == 0);
      CHECK(peer->next != NULL); /* the intermediate came too */
    }
  }
  /* The hostname cannot change once the handshake has started. */
  CHECK_RET(mbedtls_ssl_set_hostname(&cli, "other.test"), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);

  /* 20000 bytes: partial writes (at most one record each), interrupted and retried. */
  rounds = 0;
  while ((sent < sizeof big || received < sizeof big) && rounds++ < 2000000) {
    if (sent < sizeof big) {
      int n = mbedtls_ssl_write(&cli, big + sent, sizeof big - sent);
      if (n > 0) {
        CHECK(n <= MBEDTLS_SSL_OUT_CONTENT_LEN);
        sent += (size_t)n;
      } else if (!is_want(n)) {
        CHECK_RET(n, 0);
        break;
      }
    }
    if (received < sizeof big) {
      int n = mbedtls_ssl_read(&srv, got + received, sizeof got - received);
      if (n > 0)
        received += (size_t)n;
      else if (!is_want(n)) {
        CHECK_RET(n, 0);
        break;
      }
    }
  }
  CHECK(sent == sizeof big);
  CHECK(received == sizeof big);
  CHECK(memcmp(big, got, sizeof big) == 0);

  /* close_notify: the server reads MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY. */
  rounds = 0;
  cret = 1;
  sret = 1;
  while (rounds++ < 200000 && (cret != 0 || sret != MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY)) {
    if (cret != 0) cret = mbedtls_ssl_close_notify(&cli);
    if (sret != MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
      sret = mbedtls_ssl_read(&srv, got, sizeof got);
      if (!is_want(sret) && sret != MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) break;
    }
  }
  CHECK_RET(cret, 0);
  CHECK_RET(sret, MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY);

  /* session_reset: the same contexts handshake again. */
  CHECK_RET(mbedtls_ssl_session_reset(&cli), 0);
  CHECK_RET(mbedtls_ssl_session_reset(&srv), 0);
  CHECK(cli.state == MBEDTLS_SSL_HELLO_REQUEST && cli.session == NULL);
  memset(&c2s, 0, sizeof c2s);
  memset(&s2c, 0, sizeof s2c);
  cret = sret = 1;
  rounds = 0;
  while ((cret != 0 || sret != 0) && rounds++ < 200000) {
    if (cret != 0 && !is_want(cret = mbedtls_ssl_handshake(&cli)) && cret != 0) break;
    if (sret != 0 && !is_want(sret = mbedtls_ssl_handshake(&srv)) && sret != 0) break;
  }
  CHECK_RET(cret, 0);
  CHECK_RET(sret, 0);

  mbedtls_ssl_free(&cli);
  mbedtls_ssl_free(&srv);
  mbedtls_ssl_free(&cli); /* twice: safe */
  mbedtls_ssl_config_free(&cconf);
  mbedtls_ssl_config_free(&sconf);
  mbedtls_x509_crt_free(&p.ca);
  mbedtls_x509_crt_free(&p.chain);
  mbedtls_pk_free(&p.key);
}

/* TLS 1.2 PSK (conf_psk): the right identity connects; a wrong key fails on both sides. */
static void run_psk(mbedtls_ctr_drbg_context* drbg, int wrong_key) {
  static const int suites[] = {MBEDTLS_TLS_PSK_WITH_AES_128_GCM_SHA256, 0};
  static const unsigned char key[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  static const unsigned char other[16] = {9};
  mbedtls_ssl_config cconf, sconf;
  mbedtls_ssl_context cli, srv;
  struct pipe c2s, s2c;
  struct end ce, se;
  int cret = 1, sret = 1, rounds = 0;
  memset(&c2s, 0, sizeof c2s);
  memset(&s2c, 0, sizeof s2c);
  memset(&ce, 0, sizeof ce);
  memset(&se, 0, sizeof se);
  ce.in = &s2c;
  ce.out = &c2s;
  se.in = &c2s;
  se.out = &s2c;
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
  mbedtls_ssl_conf_max_version(&cconf, 3, 3);
  mbedtls_ssl_conf_max_version(&sconf, 3, 3);
  mbedtls_ssl_conf_ciphersuites(&cconf, suites);
  mbedtls_ssl_conf_ciphersuites(&sconf, suites);
  CHECK_RET(mbedtls_ssl_conf_psk(&cconf, wrong_key ? other : key, sizeof key,
                                 (const unsigned char*)"client1", 7),
            0);
  CHECK_RET(mbedtls_ssl_conf_psk(&sconf, key, sizeof key, (const unsigned char*)"client1", 7), 0);
  CHECK_RET(mbedtls_ssl_conf_psk(&sconf, key, 0, (const unsigned char*)"x", 1),
            MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  mbedtls_ssl_init(&cli);
  mbedtls_ssl_init(&srv);
  CHECK_RET(mbedtls_ssl_setup(&cli, &cconf), 0);
  CHECK_RET(mbedtls_ssl_setup(&srv, &sconf), 0);
  CHECK_RET(mbedtls_ssl_set_hostname(&cli, "localhost"), 0);
  mbedtls_ssl_set_bio(&cli, &ce, mem_send, mem_recv, NULL);
  mbedtls_ssl_set_bio(&srv, &se, mem_send, mem_recv, NULL);
  while ((cret != 0 || sret != 0) && rounds++ < 200000) {
    if (cret != 0 && !is_want(cret = mbedtls_ssl_handshake(&cli)) && cret != 0) break;
    if (sret != 0 && !is_want(sret = mbedtls_ssl_handshake(&srv)) && sret != 0) break;
  }
  if (!wrong_key) {
    CHECK_RET(cret, 0);
    CHECK_RET(sret, 0);
    CHECK(mbedtls_ssl_get_ciphersuite(&cli) != NULL &&
          strcmp(mbedtls_ssl_get_ciphersuite(&cli), "TLS-PSK-WITH-AES-128-GCM-SHA256") == 0);
    printf("  PSK: %s %s\n", mbedtls_ssl_get_version(&cli), mbedtls_ssl_get_ciphersuite(&cli));
  } else {
    /* The server cannot decrypt the client's Finished; it alerts (its later calls send what the
     * transport did not take yet) and the client hears it. */
    while (cret != 0 && is_want(cret) && rounds++ < 400000) {
      CHECK_RET(mbedtls_ssl_handshake(&srv), sret);
      cret = mbedtls_ssl_handshake(&cli);
    }
    printf("  PSK with a wrong key: client -0x%04x, server -0x%04x\n", (unsigned int)-cret,
           (unsigned int)-sret);
    CHECK(sret != 0 && !is_want(sret));
    CHECK_RET(cret, MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE);
    CHECK_RET(mbedtls_ssl_read(&srv, (unsigned char*)&rounds, 1), sret); /* the error stays */
  }
  mbedtls_ssl_free(&cli);
  mbedtls_ssl_free(&srv);
  mbedtls_ssl_config_free(&cconf);
  mbedtls_ssl_config_free(&sconf);
}

/* mbedtls_net_* on 127.0.0.1 (the kernel picks the port: bind to "0", read it back). */
static void net_sockets(void) {
  mbedtls_net_context listener, server, client;
  struct sockaddr_in addr;
  socklen_t alen = sizeof addr;
  char port[16];
  unsigned char ip[16], buf[64];
  size_t ip_len = 0;
  struct timespec t0, t1;
  long ms;
  mbedtls_net_init(&listener);
  mbedtls_net_init(&server);
  mbedtls_net_init(&client);
  CHECK_RET(mbedtls_net_bind(&listener, "127.0.0.1", "0", MBEDTLS_NET_PROTO_TCP), 0);
  CHECK(listener.fd >= 0);
  CHECK(getsockname(listener.fd, (struct sockaddr*)&addr, &alen) == 0);
  snprintf(port, sizeof port, "%u", (unsigned int)ntohs(addr.sin_port));
  CHECK_RET(mbedtls_net_set_nonblock(&listener), 0);
  CHECK_RET(mbedtls_net_accept(&listener, &server, ip, sizeof ip, &ip_len),
            MBEDTLS_ERR_SSL_WANT_READ); /* nobody connected yet */
  CHECK_RET(mbedtls_net_set_block(&listener), 0);
  CHECK_RET(mbedtls_net_connect(&client, "127.0.0.1", port, MBEDTLS_NET_PROTO_TCP), 0);
  CHECK_RET(mbedtls_net_accept(&listener, &server, ip, sizeof ip, &ip_len), 0);
  CHECK(ip_len == 4 && ip[0] == 127 && ip[3] == 1);
  CHECK_RET(mbedtls_net_send(&client, (const unsigned char*)"hello", 5), 5);
  CHECK_RET(mbedtls_net_recv(&server, buf, sizeof buf), 5);
  CHECK(memcmp(buf, "hello", 5) == 0);
  /* Non-blocking: nothing to read is WANT_READ; poll says not readable, then readable. */
  CHECK_RET(mbedtls_net_set_nonblock(&server), 0);
  CHECK_RET(mbedtls_net_recv(&server, buf, sizeof buf), MBEDTLS_ERR_SSL_WANT_READ);
  CHECK_RET(mbedtls_net_poll(&server, MBEDTLS_NET_POLL_READ, 0), 0);
  CHECK_RET(mbedtls_net_poll(&server, MBEDTLS_NET_POLL_WRITE, 0), MBEDTLS_NET_POLL_WRITE);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  CHECK_RET(mbedtls_net_recv_timeout(&server, buf, sizeof buf, 50), MBEDTLS_ERR_SSL_TIMEOUT);
  mbedtls_net_usleep(20000);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
  CHECK(ms >= 65);
  CHECK_RET(mbedtls_net_send(&client, (const unsigned char*)"x", 1), 1);
  CHECK_RET(mbedtls_net_poll(&server, MBEDTLS_NET_POLL_READ, 1000), MBEDTLS_NET_POLL_READ);
  CHECK_RET(mbedtls_net_recv_timeout(&server, buf, sizeof buf, 1000), 1);
  /* End of stream: 0. */
  mbedtls_net_free(&client);
  CHECK_RET(mbedtls_net_set_block(&server), 0);
  CHECK_RET(mbedtls_net_recv(&server, buf, sizeof buf), 0);
  CHECK_RET(mbedtls_net_connect(&client, "no-such-host.invalid", port, MBEDTLS_NET_PROTO_TCP),
            MBEDTLS_ERR_NET_UNKNOWN_HOST);
  mbedtls_net_free(&server);
  mbedtls_net_free(&listener);
  CHECK(listener.fd == -1 && server.fd == -1);
}

static void bad_input(mbedtls_ctr_drbg_context* drbg) {
  mbedtls_ssl_config conf;
  mbedtls_ssl_context ssl;
  mbedtls_x509_crt crt;
  mbedtls_pk_context pk;
  mbedtls_net_context net;
  mbedtls_ctr_drbg_context unseeded;
  unsigned char buf[2048];
  char text[64];

  /* NULL everywhere the reference forbids it. */
  CHECK_RET(mbedtls_ssl_config_defaults(NULL, 0, 0, 0), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_setup(NULL, NULL), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_handshake(NULL), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_handshake_step(NULL), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_read(NULL, buf, sizeof buf), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_write(NULL, buf, sizeof buf), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_close_notify(NULL), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_set_hostname(NULL, "x"), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_session_reset(NULL), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_conf_own_cert(NULL, NULL, NULL), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_conf_alpn_protocols(NULL, NULL), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK(mbedtls_ssl_get_verify_result(NULL) == 0xFFFFFFFFu);
  CHECK(mbedtls_ssl_get_ciphersuite(NULL) == NULL);
  CHECK(mbedtls_ssl_get_alpn_protocol(NULL) == NULL);
  CHECK(mbedtls_ssl_get_peer_cert(NULL) == NULL);
  CHECK_RET(mbedtls_x509_crt_parse_file(NULL, "x"), MBEDTLS_ERR_X509_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_x509_crt_parse(NULL, buf, 1), MBEDTLS_ERR_X509_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_pk_parse_key(NULL, buf, 1, NULL, 0), MBEDTLS_ERR_PK_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_pk_parse_keyfile(NULL, "x", NULL), MBEDTLS_ERR_PK_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_net_connect(NULL, "127.0.0.1", "1", MBEDTLS_NET_PROTO_TCP),
            MBEDTLS_ERR_NET_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_net_send(NULL, buf, 1), MBEDTLS_ERR_NET_INVALID_CONTEXT);
  CHECK_RET(mbedtls_net_recv(NULL, buf, 1), MBEDTLS_ERR_NET_INVALID_CONTEXT);
  CHECK(mbedtls_pk_get_type(NULL) == MBEDTLS_PK_NONE);
  CHECK(mbedtls_pk_get_bitlen(NULL) == 0);
  mbedtls_strerror(MBEDTLS_ERR_SSL_WANT_READ, NULL, 10);
  mbedtls_strerror(MBEDTLS_ERR_SSL_WANT_READ, text, 0);
  mbedtls_strerror(MBEDTLS_ERR_SSL_WANT_READ, text, 8);
  CHECK(strlen(text) == 7);
  CHECK_RET(mbedtls_x509_crt_verify_info(text, 8, "", MBEDTLS_X509_BADCERT_EXPIRED),
            MBEDTLS_ERR_X509_BUFFER_TOO_SMALL);
  CHECK(strlen(text) == 7);
  mbedtls_ssl_free(NULL);
  mbedtls_ssl_config_free(NULL);
  mbedtls_x509_crt_free(NULL);
  mbedtls_pk_free(NULL);
  mbedtls_net_free(NULL);
  mbedtls_ctr_drbg_free(NULL);
  mbedtls_entropy_free(NULL);

  /* Calls out of order. */
  mbedtls_ssl_init(&ssl);
  CHECK_RET(mbedtls_ssl_write(&ssl, buf, 1), MBEDTLS_ERR_SSL_BAD_INPUT_DATA); /* before setup */
  CHECK_RET(mbedtls_ssl_read(&ssl, buf, 1), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  mbedtls_ssl_config_init(&conf);
  CHECK_RET(mbedtls_ssl_config_defaults(&conf, 7, MBEDTLS_SSL_TRANSPORT_STREAM, 0),
            MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(
      mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_DATAGRAM, 0),
      MBEDTLS_ERR_SSL_FEATURE_UNAVAILABLE);
  CHECK_RET(
      mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM, 1),
      MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                        MBEDTLS_SSL_PRESET_DEFAULT),
            0);
  CHECK(conf.authmode == MBEDTLS_SSL_VERIFY_REQUIRED);
  CHECK_RET(mbedtls_ssl_setup(&ssl, &conf), 0);
  CHECK_RET(mbedtls_ssl_setup(&ssl, &conf), MBEDTLS_ERR_SSL_BAD_INPUT_DATA); /* twice */
  CHECK(strcmp(mbedtls_ssl_get_version(&ssl), "TLSv1.3") == 0); /* the configured maximum */
  /* No BIO, no RNG: the handshake says so instead of crashing. */
  CHECK_RET(mbedtls_ssl_handshake(&ssl), MBEDTLS_ERR_SSL_NO_RNG);
  mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, drbg);
  CHECK_RET(mbedtls_ssl_set_hostname(&ssl, "localhost"), 0);
  CHECK_RET(mbedtls_ssl_handshake(&ssl), MBEDTLS_ERR_SSL_BAD_INPUT_DATA); /* no BIO */
  {
    char longname[300];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    mbedtls_ssl_free(&ssl);
    mbedtls_ssl_init(&ssl);
    CHECK_RET(mbedtls_ssl_setup(&ssl, &conf), 0);
    CHECK_RET(mbedtls_ssl_set_hostname(&ssl, longname), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  }
  mbedtls_ssl_free(&ssl);

  /* SSL 3.0 / TLS 1.0 / TLS 1.1 are refused: setup says MBEDTLS_ERR_SSL_BAD_INPUT_DATA. */
  mbedtls_ssl_conf_max_version(&conf, 3, 1);
  mbedtls_ssl_init(&ssl);
  CHECK_RET(mbedtls_ssl_setup(&ssl, &conf), MBEDTLS_ERR_SSL_BAD_INPUT_DATA);
  mbedtls_ssl_free(&ssl);
  CHECK_RET(mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                        MBEDTLS_SSL_PRESET_DEFAULT),
            0);
  /* A minimum below TLS 1.2 ("anything from TLS 1.0 on") is met by TLS 1.2: it becomes 3.3. */
  mbedtls_ssl_conf_min_version(&conf, 3, 1);
  CHECK(conf.min_major_ver == 3 && conf.min_minor_ver == 3);
  mbedtls_ssl_init(&ssl);
  CHECK_RET(mbedtls_ssl_setup(&ssl, &conf), 0);
  mbedtls_ssl_free(&ssl);
  mbedtls_ssl_config_free(&conf);
  mbedtls_ssl_config_free(&conf);

  /* Certificates and keys: garbage, empty, wrong types. */
  mbedtls_x509_crt_init(&crt);
  memset(buf, 0x41, sizeof buf);
  CHECK(mbedtls_x509_crt_parse_der(&crt, buf, sizeof buf) < 0);
  CHECK(mbedtls_x509_crt_parse_der(&crt, buf, 0) < 0);
  CHECK(crt.ember_impl == NULL && crt.next == NULL);                  /* nothing appended */
  CHECK(mbedtls_x509_crt_info((char*)buf, sizeof buf, "", &crt) > 0); /* "uninitialised" */
  mbedtls_x509_crt_free(&crt);
  mbedtls_pk_init(&pk);
  CHECK(mbedtls_pk_parse_key(&pk, buf, sizeof buf, NULL, 0) < 0);
  CHECK(mbedtls_pk_get_type(&pk) == MBEDTLS_PK_NONE);
  mbedtls_pk_free(&pk);

  /* DRBG limits. */
  mbedtls_ctr_drbg_init(&unseeded);
  CHECK(mbedtls_ctr_drbg_random(&unseeded, buf, 16) != 0);
  mbedtls_ctr_drbg_free(&unseeded);
  CHECK_RET(mbedtls_ctr_drbg_random(drbg, buf, MBEDTLS_CTR_DRBG_MAX_REQUEST + 1),
            MBEDTLS_ERR_CTR_DRBG_REQUEST_TOO_BIG);
  CHECK_RET(mbedtls_ctr_drbg_random(drbg, buf, MBEDTLS_CTR_DRBG_MAX_REQUEST), 0);

  /* Sockets: a refused connection, a closed context. */
  mbedtls_net_init(&net);
  CHECK(net.fd == -1);
  CHECK_RET(mbedtls_net_connect(&net, "127.0.0.1", "1", MBEDTLS_NET_PROTO_UDP),
            MBEDTLS_ERR_NET_BAD_INPUT_DATA);
  CHECK_RET(mbedtls_net_connect(&net, "127.0.0.1", "1", MBEDTLS_NET_PROTO_TCP),
            MBEDTLS_ERR_NET_CONNECT_FAILED);
  CHECK_RET(mbedtls_net_recv(&net, buf, 1), MBEDTLS_ERR_NET_INVALID_CONTEXT);
  mbedtls_net_free(&net);
  mbedtls_net_free(&net);
}

int main(int argc, char** argv) {
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  if (argc != 2) {
    printf("usage: memio PKI_DIR (tests/data/pki)\n");
    return 2;
  }
  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&drbg);
  CHECK_RET(mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                                  (const unsigned char*)"memio", 5),
            0);
  {
    char dir[512];
    const char* sets[] = {"rsa2048", "p256"};
    int s, v;
    for (s = 0; s < 2; ++s)
      for (v = 0; v < 2; ++v) {
        snprintf(dir, sizeof dir, "%s/%s", argv[1], sets[s]);
        printf("%s:\n", sets[s]);
        run_pair(dir, v, &drbg);
      }
  }
  run_psk(&drbg, 0);
  run_psk(&drbg, 1);
  net_sockets();
  bad_input(&drbg);
  mbedtls_ctr_drbg_free(&drbg);
  mbedtls_entropy_free(&entropy);
  printf("%s: %d failure(s)\n", failures ? "FAIL" : "ok", failures);
  return failures ? 1 : 0;
}
