/*
 * ssl_server: a TLS server with a session cache and session tickets, written against the
 * Mbed TLS 2.28 C API only (ssl.h, ssl_cache.h, ssl_ticket.h, net_sockets.h). It builds
 * unchanged against embertls (include/mbedtls/) and against Mbed TLS 2.28 itself, which is
 * how tests/capi/ compares the two. Each connection: handshake, read one request, answer with
 * a short HTTP response, close_notify; then the next connection.
 *
 * Options, key=value:
 *   server_addr=127.0.0.1  server_port=4433 (0: the kernel picks one; the port is printed)
 *   crt_file=FILE key_file=FILE (required; crt_file may hold the chain)
 *   ca_file=FILE (trusted CAs for client certificates)
 *   auth_mode=none|optional|required (client certificates; default none)
 *   force_version=default|tls12|tls13
 *   tickets=0|1 (session tickets, mbedtls_ssl_ticket; default 1)
 *   cache=0|1 (session-ID cache, mbedtls_ssl_cache; default 1)
 *   conns=N (exit after N connections; 0 = serve forever)
 *   nbio=0|1 (non-blocking sockets, WANT_READ/WANT_WRITE loops)
 *   debug_level=0..4
 * Exit status: 0 when every connection completed, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/debug.h"
#include "mbedtls/entropy.h"
#include "mbedtls/error.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/pk.h"
#include "mbedtls/ssl.h"
#include "mbedtls/ssl_cache.h"
#include "mbedtls/ssl_ticket.h"
#include "mbedtls/x509_crt.h"

#define RESPONSE                                                              \
  "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\n\r\n<h2>ssl_server</h2>\r\n" \
  "<p>Successful connection using: %s</p>\r\n"

struct options {
  const char* server_addr;
  const char* server_port;
  const char* crt_file;
  const char* key_file;
  const char* ca_file;
  const char* auth_mode;
  const char* force_version;
  int tickets;
  int cache;
  int conns;
  int nbio;
  int debug_level;
};

static void my_debug(void* ctx, int level, const char* file, int line, const char* str) {
  fprintf((FILE*)ctx, "%s:%04d: |%d| %s", file, line, level, str);
  fflush((FILE*)ctx);
}

static void print_error(const char* what, int ret) {
  char buf[256];
  mbedtls_strerror(ret, buf, sizeof buf);
  printf(" failed\n  ! %s returned -0x%x\n  ! Last error was: -0x%x - %s\n", what,
         (unsigned int)-ret, (unsigned int)-ret, buf);
  fflush(stdout);
}

static int is_want(int ret) {
  return ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE;
}

/* Waits for the socket after WANT_READ / WANT_WRITE (non-blocking mode). */
static int wait_for(mbedtls_net_context* fd, int ret) {
  uint32_t rw = ret == MBEDTLS_ERR_SSL_WANT_WRITE ? MBEDTLS_NET_POLL_WRITE : MBEDTLS_NET_POLL_READ;
  int r = mbedtls_net_poll(fd, rw, 10000);
  return r < 0 ? r : (r == 0 ? MBEDTLS_ERR_SSL_TIMEOUT : 0);
}

static const char* option(int argc, char** argv, const char* name, const char* dflt) {
  size_t len = strlen(name);
  const char* value = NULL;
  int a;
  for (a = 1; a < argc; ++a)
    if (strncmp(argv[a], name, len) == 0 && argv[a][len] == '=') value = argv[a] + len + 1;
  return value != NULL ? value : dflt;
}

/* One connection on client_fd: 0 when it completed. */
static int serve(mbedtls_ssl_context* ssl, mbedtls_net_context* client_fd,
                 const struct options* opt) {
  unsigned char buf[1024];
  int ret, len;

  printf("  . Performing the SSL/TLS handshake...");
  fflush(stdout);
  while ((ret = mbedtls_ssl_handshake(ssl)) != 0) {
    if (!is_want(ret)) break;
    if (opt->nbio && (ret = wait_for(client_fd, ret)) != 0) break;
  }
  if (ret != 0) {
    print_error("mbedtls_ssl_handshake", ret);
    return ret;
  }
  printf(" ok\n    [ Protocol is %s ]\n    [ Ciphersuite is %s ]\n", mbedtls_ssl_get_version(ssl),
         mbedtls_ssl_get_ciphersuite(ssl));
  if (strcmp(opt->auth_mode, "none") != 0) {
    uint32_t flags = mbedtls_ssl_get_verify_result(ssl);
    const mbedtls_x509_crt* peer = mbedtls_ssl_get_peer_cert(ssl);
    printf("    [ Client certificate: %s, verification flags 0x%08x ]\n",
           peer != NULL ? "yes" : "no", (unsigned int)flags);
  }

  printf("  < Read from client:");
  fflush(stdout);
  do {
    memset(buf, 0, sizeof buf);
    ret = mbedtls_ssl_read(ssl, buf, sizeof buf - 1);
    if (is_want(ret)) {
      if (opt->nbio && (ret = wait_for(client_fd, ret)) != 0) {
        print_error("mbedtls_net_poll", ret);
        return ret;
      }
      continue;
    }
    if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
      printf(" the client sent close_notify\n");
      return 0;
    }
    if (ret <= 0) {
      print_error("mbedtls_ssl_read", ret == 0 ? MBEDTLS_ERR_SSL_CONN_EOF : ret);
      return ret == 0 ? MBEDTLS_ERR_SSL_CONN_EOF : ret;
    }
    break;
  } while (1);
  len = ret;
  printf(" %d bytes read\n", len);

  printf("  > Write to client:");
  fflush(stdout);
  len = snprintf((char*)buf, sizeof buf, RESPONSE, mbedtls_ssl_get_ciphersuite(ssl));
  while ((ret = mbedtls_ssl_write(ssl, buf, (size_t)len)) <= 0) {
    if (!is_want(ret)) {
      print_error("mbedtls_ssl_write", ret);
      return ret;
    }
    if (opt->nbio && (ret = wait_for(client_fd, ret)) != 0) {
      print_error("mbedtls_net_poll", ret);
      return ret;
    }
  }
  printf(" %d bytes written\n", ret);

  printf("  . Closing the connection...");
  while ((ret = mbedtls_ssl_close_notify(ssl)) < 0) {
    if (!is_want(ret)) {
      print_error("mbedtls_ssl_close_notify", ret);
      return ret;
    }
    if (opt->nbio && (ret = wait_for(client_fd, ret)) != 0) break;
  }
  printf(" done\n");
  fflush(stdout);
  return 0;
}

int main(int argc, char** argv) {
  int ret = 1, exit_code = 1, a, served = 0, failed = 0;
  const char* pers = "ssl_server";
  struct options opt;
  mbedtls_net_context listen_fd, client_fd;
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context ctr_drbg;
  mbedtls_ssl_context ssl;
  mbedtls_ssl_config conf;
  mbedtls_x509_crt srvcert, cacert;
  mbedtls_pk_context pkey;
  mbedtls_ssl_cache_context cache;
  mbedtls_ssl_ticket_context ticket_ctx;

  static const char* const known[] = {"server_addr", "server_port",   "crt_file", "key_file",
                                      "ca_file",     "auth_mode",     "tickets",  "cache",
                                      "conns",       "force_version", "nbio",     "debug_level"};
  for (a = 1; a < argc; ++a) {
    size_t k, ok = 0;
    for (k = 0; k < sizeof known / sizeof known[0]; ++k) {
      size_t l = strlen(known[k]);
      if (strncmp(argv[a], known[k], l) == 0 && argv[a][l] == '=') ok = 1;
    }
    if (!ok) {
      printf(
          "usage: ssl_server crt_file=F key_file=F [ca_file=F] [server_addr=A] [server_port=P] "
          "[auth_mode=none|optional|required] [force_version=tls12|tls13] [tickets=0|1] "
          "[cache=0|1] [conns=N] [nbio=1] [debug_level=N]\n");
      return 1;
    }
  }
  opt.server_addr = option(argc, argv, "server_addr", "127.0.0.1");
  opt.server_port = option(argc, argv, "server_port", "4433");
  opt.crt_file = option(argc, argv, "crt_file", NULL);
  opt.key_file = option(argc, argv, "key_file", NULL);
  opt.ca_file = option(argc, argv, "ca_file", NULL);
  opt.auth_mode = option(argc, argv, "auth_mode", "none");
  opt.force_version = option(argc, argv, "force_version", "default");
  opt.tickets = atoi(option(argc, argv, "tickets", "1"));
  opt.cache = atoi(option(argc, argv, "cache", "1"));
  opt.conns = atoi(option(argc, argv, "conns", "0"));
  opt.nbio = atoi(option(argc, argv, "nbio", "0"));
  opt.debug_level = atoi(option(argc, argv, "debug_level", "0"));
  if (opt.crt_file == NULL || opt.key_file == NULL) {
    printf("crt_file= and key_file= are required\n");
    return 1;
  }

  mbedtls_net_init(&listen_fd);
  mbedtls_net_init(&client_fd);
  mbedtls_ssl_init(&ssl);
  mbedtls_ssl_config_init(&conf);
  mbedtls_x509_crt_init(&srvcert);
  mbedtls_x509_crt_init(&cacert);
  mbedtls_pk_init(&pkey);
  mbedtls_ssl_cache_init(&cache);
  mbedtls_ssl_ticket_init(&ticket_ctx);
  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&ctr_drbg);
  mbedtls_debug_set_threshold(opt.debug_level);

  printf("  . Seeding the random number generator...");
  fflush(stdout);
  if ((ret = mbedtls_ctr_drbg_seed(&ctr_drbg, mbedtls_entropy_func, &entropy,
                                   (const unsigned char*)pers, strlen(pers))) != 0) {
    print_error("mbedtls_ctr_drbg_seed", ret);
    goto exit;
  }
  printf(" ok\n");

  printf("  . Loading the server certificate and key...");
  fflush(stdout);
  if ((ret = mbedtls_x509_crt_parse_file(&srvcert, opt.crt_file)) != 0) {
    print_error("mbedtls_x509_crt_parse_file", ret);
    goto exit;
  }
  if ((ret = mbedtls_pk_parse_keyfile(&pkey, opt.key_file, NULL)) != 0) {
    print_error("mbedtls_pk_parse_keyfile", ret);
    goto exit;
  }
  if (opt.ca_file != NULL && (ret = mbedtls_x509_crt_parse_file(&cacert, opt.ca_file)) != 0) {
    print_error("mbedtls_x509_crt_parse_file (ca_file)", ret);
    goto exit;
  }
  printf(" ok\n");

  printf("  . Bind on tcp://%s/%s/ ...", opt.server_addr, opt.server_port);
  fflush(stdout);
  if ((ret = mbedtls_net_bind(&listen_fd, opt.server_addr, opt.server_port,
                              MBEDTLS_NET_PROTO_TCP)) != 0) {
    print_error("mbedtls_net_bind", ret);
    goto exit;
  }
  printf(" ok\n");

  printf("  . Setting up the SSL data....");
  fflush(stdout);
  if ((ret = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_SERVER, MBEDTLS_SSL_TRANSPORT_STREAM,
                                         MBEDTLS_SSL_PRESET_DEFAULT)) != 0) {
    print_error("mbedtls_ssl_config_defaults", ret);
    goto exit;
  }
  mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &ctr_drbg);
  mbedtls_ssl_conf_dbg(&conf, my_debug, stdout);
  if (strcmp(opt.auth_mode, "optional") == 0)
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_OPTIONAL);
  else if (strcmp(opt.auth_mode, "required") == 0)
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_REQUIRED);
  else
    mbedtls_ssl_conf_authmode(&conf, MBEDTLS_SSL_VERIFY_NONE);
  if (strcmp(opt.force_version, "tls12") == 0) {
    mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    mbedtls_ssl_conf_max_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
  } else if (strcmp(opt.force_version, "tls13") == 0) {
    mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, 4);
    mbedtls_ssl_conf_max_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, 4);
  }
  if (opt.cache)
    mbedtls_ssl_conf_session_cache(&conf, &cache, mbedtls_ssl_cache_get, mbedtls_ssl_cache_set);
  if (opt.tickets) {
    if ((ret = mbedtls_ssl_ticket_setup(&ticket_ctx, mbedtls_ctr_drbg_random, &ctr_drbg,
                                        MBEDTLS_CIPHER_AES_256_GCM, 86400)) != 0) {
      print_error("mbedtls_ssl_ticket_setup", ret);
      goto exit;
    }
    mbedtls_ssl_conf_session_tickets_cb(&conf, mbedtls_ssl_ticket_write, mbedtls_ssl_ticket_parse,
                                        &ticket_ctx);
  }
  if (opt.ca_file != NULL) mbedtls_ssl_conf_ca_chain(&conf, &cacert, NULL);
  if ((ret = mbedtls_ssl_conf_own_cert(&conf, &srvcert, &pkey)) != 0) {
    print_error("mbedtls_ssl_conf_own_cert", ret);
    goto exit;
  }
  if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0) {
    print_error("mbedtls_ssl_setup", ret);
    goto exit;
  }
  printf(" ok\n");

  while (opt.conns == 0 || served < opt.conns) {
    mbedtls_net_free(&client_fd);
    mbedtls_ssl_session_reset(&ssl);
    printf("  . Waiting for a remote connection ...");
    fflush(stdout);
    if ((ret = mbedtls_net_accept(&listen_fd, &client_fd, NULL, 0, NULL)) != 0) {
      print_error("mbedtls_net_accept", ret);
      goto exit;
    }
    printf(" ok\n");
    if (opt.nbio && (ret = mbedtls_net_set_nonblock(&client_fd)) != 0) {
      print_error("mbedtls_net_set_nonblock", ret);
      goto exit;
    }
    mbedtls_ssl_set_bio(&ssl, &client_fd, mbedtls_net_send, mbedtls_net_recv, NULL);
    if (serve(&ssl, &client_fd, &opt) != 0) ++failed;
    ++served;
  }
  exit_code = failed == 0 ? 0 : 1;

exit:
  mbedtls_net_free(&client_fd);
  mbedtls_net_free(&listen_fd);
  mbedtls_x509_crt_free(&srvcert);
  mbedtls_x509_crt_free(&cacert);
  mbedtls_pk_free(&pkey);
  mbedtls_ssl_free(&ssl);
  mbedtls_ssl_config_free(&conf);
  mbedtls_ssl_cache_free(&cache);
  mbedtls_ssl_ticket_free(&ticket_ctx);
  mbedtls_ctr_drbg_free(&ctr_drbg);
  mbedtls_entropy_free(&entropy);
  return exit_code;
}
