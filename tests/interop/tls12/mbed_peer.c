/* A small TLS 1.2 client/server on real Mbed TLS 2.28 (Debian libmbedtls-dev), the reference
 * peer of the TLS 1.2 interop tests. Not linked with embertls.
 *
 *   mbed_peer server PORT CERT KEY [options]      serves --count connections on 127.0.0.1
 *   mbed_peer client HOST PORT [options]          connects (--reconnect N resumes N times)
 * options: --ca FILE  --suite NAME (IANA or Mbed TLS name)  --psk HEX --psk-identity ID
 *          --auth none|optional|required  --cert FILE --key FILE (client)  --tickets 0|1
 *          --renegotiate (client: after the handshake; server: HelloRequest)  --reneg-ok 0|1
 *          --etm 0|1  --ems 0|1  --mfl 512|1024|2048|4096  --count N  --servername NAME
 * One line per handshake: "mbedtls: version=TLSv1.2 suite=<Mbed TLS name> verify=0x..." (Mbed TLS
 * 2.28 has no public "was this resumed" call: the embertls side reports resumption). */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/error.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"
#include "mbedtls/ssl_cache.h"
#include "mbedtls/ssl_internal.h" /* renego_status values, to see a renegotiation finish */
#include "mbedtls/ssl_ticket.h"
#include "mbedtls/x509_crt.h"

static void die(const char* what, int ret) {
  char buf[200];
  mbedtls_strerror(ret, buf, sizeof buf);
  printf("mbedtls: FAIL %s: -0x%04x %s\n", what, (unsigned)-ret, buf);
  fflush(stdout);
  exit(1);
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int main(int argc, char** argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: see the comment at the top of mbed_peer.c\n");
    return 2;
  }
  int server = strcmp(argv[1], "server") == 0;
  const char *host = "127.0.0.1", *port, *cert = NULL, *key = NULL, *ca = NULL, *suite = NULL;
  const char *psk_hex = NULL, *psk_id = NULL, *servername = "localhost";
  int i = 2, auth = -1, tickets = 1, reneg = 0, reneg_ok = 1, etm = 1, ems = 1, mfl = 0;
  int count = 1, reconnect = 0;
  if (server) {
    if (argc < 5) return 2;
    port = argv[2];
    cert = argv[3];
    key = argv[4];
    i = 5;
  } else {
    if (argc < 4) return 2;
    host = argv[2];
    port = argv[3];
    i = 4;
  }
  for (; i < argc; ++i) {
    const char* a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : "";
    if (!strcmp(a, "--ca"))
      ca = v, ++i;
    else if (!strcmp(a, "--suite"))
      suite = v, ++i;
    else if (!strcmp(a, "--psk"))
      psk_hex = v, ++i;
    else if (!strcmp(a, "--psk-identity"))
      psk_id = v, ++i;
    else if (!strcmp(a, "--cert"))
      cert = v, ++i;
    else if (!strcmp(a, "--key"))
      key = v, ++i;
    else if (!strcmp(a, "--servername"))
      servername = v, ++i;
    else if (!strcmp(a, "--auth")) {
      auth = !strcmp(v, "none")       ? MBEDTLS_SSL_VERIFY_NONE
             : !strcmp(v, "optional") ? MBEDTLS_SSL_VERIFY_OPTIONAL
                                      : MBEDTLS_SSL_VERIFY_REQUIRED;
      ++i;
    } else if (!strcmp(a, "--tickets"))
      tickets = atoi(v), ++i;
    else if (!strcmp(a, "--renegotiate"))
      reneg = 1;
    else if (!strcmp(a, "--reneg-ok"))
      reneg_ok = atoi(v), ++i;
    else if (!strcmp(a, "--etm"))
      etm = atoi(v), ++i;
    else if (!strcmp(a, "--ems"))
      ems = atoi(v), ++i;
    else if (!strcmp(a, "--mfl"))
      mfl = atoi(v), ++i;
    else if (!strcmp(a, "--count"))
      count = atoi(v), ++i;
    else if (!strcmp(a, "--reconnect"))
      reconnect = atoi(v), ++i;
    else {
      fprintf(stderr, "unknown option %s\n", a);
      return 2;
    }
  }

  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  mbedtls_ssl_config conf;
  mbedtls_x509_crt cacert, owncert;
  mbedtls_pk_context pkey;
  mbedtls_ssl_cache_context cache;
  mbedtls_ssl_ticket_context ticket;
  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&drbg);
  mbedtls_ssl_config_init(&conf);
  mbedtls_x509_crt_init(&cacert);
  mbedtls_x509_crt_init(&owncert);
  mbedtls_pk_init(&pkey);
  mbedtls_ssl_cache_init(&cache);
  mbedtls_ssl_ticket_init(&ticket);
  int ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0);
  if (ret) die("drbg", ret);
  ret = mbedtls_ssl_config_defaults(&conf, server ? MBEDTLS_SSL_IS_SERVER : MBEDTLS_SSL_IS_CLIENT,
                                    MBEDTLS_SSL_TRANSPORT_STREAM, MBEDTLS_SSL_PRESET_DEFAULT);
  if (ret) die("config", ret);
  mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
  mbedtls_ssl_conf_read_timeout(&conf, 3000);
  if (ca) {
    if ((ret = mbedtls_x509_crt_parse_file(&cacert, ca)) != 0) die("ca", ret);
    mbedtls_ssl_conf_ca_chain(&conf, &cacert, NULL);
  }
  if (cert && key) {
    if ((ret = mbedtls_x509_crt_parse_file(&owncert, cert)) != 0) die("cert", ret);
    if ((ret = mbedtls_pk_parse_keyfile(&pkey, key, NULL)) != 0) die("key", ret);
    if ((ret = mbedtls_ssl_conf_own_cert(&conf, &owncert, &pkey)) != 0) die("own cert", ret);
  }
  if (auth >= 0)
    mbedtls_ssl_conf_authmode(&conf, auth);
  else if (!server && !ca)
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE);
  static int suites[2];
  if (suite) {
    char name[128];
    snprintf(name, sizeof name, "%s", suite);
    for (char* p = name; *p; ++p)
      if (*p == '_') *p = '-';
    suites[0] = mbedtls_ssl_get_ciphersuite_id(name);
    if (suites[0] == 0) die("unknown suite", -1);
    mbedtls_ssl_conf_ciphersuites(&conf, suites);
  }
  if (psk_hex) {
    unsigned char psk[64];
    size_t n = strlen(psk_hex) / 2;
    if (n > sizeof psk) die("psk too long", -1);
    for (size_t k = 0; k < n; ++k)
      psk[k] = (unsigned char)(hexval(psk_hex[2 * k]) * 16 + hexval(psk_hex[2 * k + 1]));
    ret = mbedtls_ssl_conf_psk(&conf, psk, n, (const unsigned char*)psk_id, strlen(psk_id));
    if (ret) die("psk", ret);
  }
  mbedtls_ssl_conf_encrypt_then_mac(&conf,
                                    etm ? MBEDTLS_SSL_ETM_ENABLED : MBEDTLS_SSL_ETM_DISABLED);
  mbedtls_ssl_conf_extended_master_secret(
      &conf, ems ? MBEDTLS_SSL_EXTENDED_MS_ENABLED : MBEDTLS_SSL_EXTENDED_MS_DISABLED);
  mbedtls_ssl_conf_renegotiation(
      &conf, reneg_ok ? MBEDTLS_SSL_RENEGOTIATION_ENABLED : MBEDTLS_SSL_RENEGOTIATION_DISABLED);
  if (mfl) {
    int code = mfl == 512    ? MBEDTLS_SSL_MAX_FRAG_LEN_512
               : mfl == 1024 ? MBEDTLS_SSL_MAX_FRAG_LEN_1024
               : mfl == 2048 ? MBEDTLS_SSL_MAX_FRAG_LEN_2048
                             : MBEDTLS_SSL_MAX_FRAG_LEN_4096;
    mbedtls_ssl_conf_max_frag_len(&conf, (unsigned char)code);
  }
  if (server) {
    mbedtls_ssl_conf_session_cache(&conf, &cache, mbedtls_ssl_cache_get, mbedtls_ssl_cache_set);
    if (tickets) {
      ret = mbedtls_ssl_ticket_setup(&ticket, mbedtls_ctr_drbg_random, &drbg,
                                     MBEDTLS_CIPHER_AES_256_GCM, 86400);
      if (ret) die("ticket setup", ret);
      mbedtls_ssl_conf_session_tickets_cb(&conf, mbedtls_ssl_ticket_write, mbedtls_ssl_ticket_parse,
                                          &ticket);
    }
  } else {
    mbedtls_ssl_conf_session_tickets(&conf, tickets ? MBEDTLS_SSL_SESSION_TICKETS_ENABLED
                                                    : MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
  }

  mbedtls_net_context listen, conn;
  mbedtls_net_init(&listen);
  if (server) {
    if ((ret = mbedtls_net_bind(&listen, "127.0.0.1", port, MBEDTLS_NET_PROTO_TCP)) != 0)
      die("bind", ret);
    struct sockaddr_in bound; /* port "0": the kernel chose one; say which */
    socklen_t bound_len = sizeof bound;
    if (getsockname(listen.fd, (struct sockaddr*)&bound, &bound_len) != 0) die("getsockname", 0);
    printf("mbedtls: listening on 127.0.0.1:%u\n", (unsigned)ntohs(bound.sin_port));
    fflush(stdout);
  }
  mbedtls_ssl_session saved;
  mbedtls_ssl_session_init(&saved);
  int have_session = 0;
  int rounds = server ? count : reconnect + 1;
  for (int r = 0; r < rounds; ++r) {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_init(&ssl);
    mbedtls_net_init(&conn);
    if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0) die("setup", ret);
    if (server) {
      if ((ret = mbedtls_net_accept(&listen, &conn, NULL, 0, NULL)) != 0) die("accept", ret);
    } else {
      if ((ret = mbedtls_net_connect(&conn, host, port, MBEDTLS_NET_PROTO_TCP)) != 0)
        die("connect", ret);
      if ((ret = mbedtls_ssl_set_hostname(&ssl, servername)) != 0) die("hostname", ret);
      if (have_session && (ret = mbedtls_ssl_set_session(&ssl, &saved)) != 0) die("session", ret);
    }
    mbedtls_net_set_block(&conn);
    mbedtls_ssl_set_bio(&ssl, &conn, mbedtls_net_send, NULL, mbedtls_net_recv_timeout);
    while ((ret = mbedtls_ssl_handshake(&ssl)) != 0)
      if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE) {
        if (server) {
          char buf[160];
          mbedtls_strerror(ret, buf, sizeof buf);
          printf("mbedtls: handshake failed -0x%04x %s\n", (unsigned)-ret, buf);
          fflush(stdout);
          goto next;
        }
        die("handshake", ret);
      }
    printf("mbedtls: version=%s suite=%s verify=0x%08x\n", mbedtls_ssl_get_version(&ssl),
           mbedtls_ssl_get_ciphersuite(&ssl), (unsigned)mbedtls_ssl_get_verify_result(&ssl));
    fflush(stdout);
    if (reneg && !server) {
      while ((ret = mbedtls_ssl_renegotiate(&ssl)) != 0)
        if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE) {
          die("renegotiate", ret);
        }
      if (!server) {
        printf("mbedtls: renegotiated\n");
        fflush(stdout);
      }
    }
    if (server) {
      unsigned char buf[4096];
      do ret = mbedtls_ssl_read(&ssl, buf, sizeof buf);
      while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE);
      if (ret > 0 && reneg) {
        /* Server-initiated renegotiation: HelloRequest, then reads drive the client's new
         * handshake; a read timeout after it completes ends the wait. */
        if ((ret = mbedtls_ssl_renegotiate(&ssl)) != 0) die("hello request", ret);
        unsigned char more[256];
        do ret = mbedtls_ssl_read(&ssl, more, sizeof more);
        while (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE ||
               (ret > 0 && ssl.renego_status != MBEDTLS_SSL_RENEGOTIATION_DONE));
        if (ssl.renego_status == MBEDTLS_SSL_RENEGOTIATION_DONE) {
          printf("mbedtls: renegotiated\n");
          ret = 1;
        }
      }
      if (ret < 0) {
        char eb[160];
        mbedtls_strerror(ret, eb, sizeof eb);
        printf("mbedtls: read failed -0x%04x %s\n", (unsigned)-ret, eb);
      } else {
        char page[256];
        int n = snprintf(page, sizeof page, "HTTP/1.0 200 OK\r\n\r\nmbedtls peer: %s %s\n",
                         mbedtls_ssl_get_version(&ssl), mbedtls_ssl_get_ciphersuite(&ssl));
        while ((ret = mbedtls_ssl_write(&ssl, (unsigned char*)page, (size_t)n)) <= 0)
          if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE) break;
      }
      fflush(stdout);
    } else {
      const char req[] = "GET / HTTP/1.0\r\n\r\n";
      while ((ret = mbedtls_ssl_write(&ssl, (const unsigned char*)req, sizeof req - 1)) <= 0)
        if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE)
          die("write", ret);
      unsigned char buf[4096];
      for (;;) {
        ret = mbedtls_ssl_read(&ssl, buf, sizeof buf - 1);
        if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) continue;
        if (ret <= 0) break;
        buf[ret] = 0;
        fputs((char*)buf, stdout);
      }
      fflush(stdout);
      mbedtls_ssl_session_free(&saved);
      mbedtls_ssl_session_init(&saved);
      have_session = mbedtls_ssl_get_session(&ssl, &saved) == 0;
    }
    mbedtls_ssl_close_notify(&ssl);
  next:
    mbedtls_net_free(&conn);
    mbedtls_ssl_free(&ssl);
  }
  mbedtls_ssl_session_free(&saved);
  mbedtls_net_free(&listen);
  mbedtls_x509_crt_free(&cacert);
  mbedtls_x509_crt_free(&owncert);
  mbedtls_pk_free(&pkey);
  mbedtls_ssl_cache_free(&cache);
  mbedtls_ssl_ticket_free(&ticket);
  mbedtls_ssl_config_free(&conf);
  mbedtls_ctr_drbg_free(&drbg);
  mbedtls_entropy_free(&entropy);
  return 0;
}
