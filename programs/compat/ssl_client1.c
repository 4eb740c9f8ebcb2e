/*
 * ssl_client1: the HTTPS client of the Mbed TLS tutorial ("Mbed TLS tutorial", adding
 * SSL/TLS to a simple network client), written against the Mbed TLS 2.28 C API only. It
 * builds unchanged against embertls (include/mbedtls/) and against Mbed TLS 2.28 itself,
 * which is how tests/capi/ compares the two.
 *
 * Options, key=value (or the same names in upper case in the environment, prefixed
 * SSL_CLIENT1_, e.g. SSL_CLIENT1_SERVER_PORT=4433):
 *   server_addr=127.0.0.1  server_port=4433
 *   server_name=localhost (NULL: no name check; UNSET: mbedtls_ssl_set_hostname not called)
 *   ca_file=FILE (required)  crl_file=FILE (CRLs for the CA chain)  alpn=PROTO[,PROTO...]
 *   max_version=tls12|default  request=TEXT (default "GET / ...")
 *   nbio=0|1 (non-blocking socket, WANT_READ/WANT_WRITE loops)
 *   step=0|1 (drive the handshake with mbedtls_ssl_handshake_step and print the states)
 *   debug_level=0..4
 *   verify_cb=print|clear|fail (a verification callback: prints depth, subject and flags of
 *     each certificate; clear also clears the flags; fail, set with mbedtls_ssl_set_verify,
 *     returns MBEDTLS_ERR_X509_FATAL_ERROR for the peer's own certificate)
 *   reconnect=0|1 (after the exchange, save the session with mbedtls_ssl_get_session,
 *     connect again and resume it with mbedtls_ssl_set_session)
 * Exit status: 0 when the exchange completed, 1 otherwise.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/debug.h"
#include "mbedtls/entropy.h"
#include "mbedtls/error.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"
#include "mbedtls/x509_crl.h"
#include "mbedtls/x509_crt.h"

#define GET_REQUEST "GET / HTTP/1.0\r\n\r\n"

struct options {
  const char* server_addr;
  const char* server_port;
  const char* server_name;
  const char* ca_file;
  const char* crl_file;
  const char* alpn;
  const char* max_version;
  const char* min_version;
  const char* request;
  int nbio;
  int step;
  int debug_level;
  int reconnect;
  const char* verify_cb;
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
}

static void print_verify(const mbedtls_ssl_context* ssl) {
  char buf[1024];
  uint32_t flags = mbedtls_ssl_get_verify_result(ssl);
  printf("  . Verification flags: 0x%08x\n", (unsigned int)flags);
  if (flags != 0 && flags != 0xFFFFFFFFu) {
    mbedtls_x509_crt_verify_info(buf, sizeof buf, "  ! ", flags);
    printf("%s", buf);
  }
}

/* The verification callback of verify_cb= (ctx: the mode name). */
static int my_verify(void* ctx, mbedtls_x509_crt* crt, int depth, uint32_t* flags) {
  const char* mode = (const char*)ctx;
  char name[512];
  if (mbedtls_x509_dn_gets(name, sizeof name, &crt->subject) < 0) strcpy(name, "?");
  printf("    [ verify depth %d: %s, flags 0x%08x ]\n", depth, name, (unsigned int)*flags);
  if (strcmp(mode, "clear") == 0) *flags = 0;
  if (strcmp(mode, "fail") == 0 && depth == 0) return MBEDTLS_ERR_X509_FATAL_ERROR;
  return 0;
}

/* Waits for the socket after WANT_READ / WANT_WRITE (non-blocking mode). */
static int wait_for(mbedtls_net_context* fd, int ret) {
  uint32_t rw = ret == MBEDTLS_ERR_SSL_WANT_WRITE ? MBEDTLS_NET_POLL_WRITE : MBEDTLS_NET_POLL_READ;
  int r = mbedtls_net_poll(fd, rw, 10000);
  return r < 0 ? r : (r == 0 ? MBEDTLS_ERR_SSL_TIMEOUT : 0);
}

static const char* option(int argc, char** argv, const char* name, const char* dflt) {
  char env[64];
  size_t len = strlen(name), i;
  const char* value = NULL;
  int a;
  snprintf(env, sizeof env, "SSL_CLIENT1_%s", name);
  for (i = 12; env[i] != '\0'; ++i)
    if (env[i] >= 'a' && env[i] <= 'z') env[i] = (char)(env[i] - 'a' + 'A');
  value = getenv(env);
  for (a = 1; a < argc; ++a)
    if (strncmp(argv[a], name, len) == 0 && argv[a][len] == '=') value = argv[a] + len + 1;
  return value != NULL ? value : dflt;
}

int main(int argc, char** argv) {
  int ret = 1, len, exit_code = 1, a;
  unsigned char buf[1024];
  const char* pers = "ssl_client1";
  struct options opt;
  mbedtls_net_context server_fd;
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context ctr_drbg;
  mbedtls_ssl_context ssl;
  mbedtls_ssl_config conf;
  mbedtls_x509_crt cacert;
  mbedtls_x509_crl crl;
  char alpn_buf[256];
  const char* alpn_list[8];
  mbedtls_ssl_session saved;
  int reconnected = 0;

  static const char* const known[] = {"server_addr", "server_port", "server_name", "ca_file",
                                      "max_version", "request",     "nbio",        "step",
                                      "debug_level", "crl_file",    "alpn",        "reconnect",
                                      "verify_cb",   "min_version"};
  for (a = 1; a < argc; ++a) {
    size_t k, ok = 0;
    for (k = 0; k < sizeof known / sizeof known[0]; ++k) {
      size_t l = strlen(known[k]);
      if (strncmp(argv[a], known[k], l) == 0 && argv[a][l] == '=') ok = 1;
    }
    if (!ok) {
      printf(
          "usage: ssl_client1 [server_addr=A] [server_port=P] [server_name=N|NULL] "
          "ca_file=F [max_version=tls12] [min_version=tls1] [request=TEXT] [nbio=1] [step=1] "
          "[debug_level=N] [reconnect=1]\n");
      return 1;
    }
  }
  opt.server_addr = option(argc, argv, "server_addr", "127.0.0.1");
  opt.server_port = option(argc, argv, "server_port", "4433");
  opt.server_name = option(argc, argv, "server_name", "localhost");
  opt.ca_file = option(argc, argv, "ca_file", NULL);
  opt.crl_file = option(argc, argv, "crl_file", NULL);
  opt.alpn = option(argc, argv, "alpn", NULL);
  opt.max_version = option(argc, argv, "max_version", "default");
  opt.min_version = option(argc, argv, "min_version", "default");
  opt.request = option(argc, argv, "request", GET_REQUEST);
  opt.nbio = atoi(option(argc, argv, "nbio", "0"));
  opt.step = atoi(option(argc, argv, "step", "0"));
  opt.debug_level = atoi(option(argc, argv, "debug_level", "0"));
  opt.reconnect = atoi(option(argc, argv, "reconnect", "0"));
  opt.verify_cb = option(argc, argv, "verify_cb", NULL);
  if (opt.ca_file == NULL) {
    printf("ssl_client1: ca_file=FILE is required\n");
    return 1;
  }

  mbedtls_debug_set_threshold(opt.debug_level);

  /* 0. Initialize the RNG and the session data */
  mbedtls_net_init(&server_fd);
  mbedtls_ssl_init(&ssl);
  mbedtls_ssl_config_init(&conf);
  mbedtls_x509_crt_init(&cacert);
  mbedtls_x509_crl_init(&crl);
  mbedtls_ctr_drbg_init(&ctr_drbg);
  mbedtls_ssl_session_init(&saved);

  printf("\n  . Seeding the random number generator...");
  fflush(stdout);
  mbedtls_entropy_init(&entropy);
  if ((ret = mbedtls_ctr_drbg_seed(&ctr_drbg, mbedtls_entropy_func, &entropy,
                                   (const unsigned char*)pers, strlen(pers))) != 0) {
    print_error("mbedtls_ctr_drbg_seed", ret);
    goto exit;
  }
  printf(" ok\n");

  /* 0. Initialize certificates */
  printf("  . Loading the CA root certificate ...");
  fflush(stdout);
  ret = mbedtls_x509_crt_parse_file(&cacert, opt.ca_file);
  if (ret < 0) {
    print_error("mbedtls_x509_crt_parse_file", ret);
    goto exit;
  }
  printf(" ok (%d skipped)\n", ret);
  if (opt.crl_file != NULL) {
    printf("  . Loading the CRL ...");
    fflush(stdout);
    if ((ret = mbedtls_x509_crl_parse_file(&crl, opt.crl_file)) != 0) {
      print_error("mbedtls_x509_crl_parse_file", ret);
      goto exit;
    }
    printf(" ok\n");
  }

  /* 1. Start the connection */
  printf("  . Connecting to tcp/%s/%s...", opt.server_addr, opt.server_port);
  fflush(stdout);
  if ((ret = mbedtls_net_connect(&server_fd, opt.server_addr, opt.server_port,
                                 MBEDTLS_NET_PROTO_TCP)) != 0) {
    print_error("mbedtls_net_connect", ret);
    goto exit;
  }
  if (opt.nbio && (ret = mbedtls_net_set_nonblock(&server_fd)) != 0) {
    print_error("mbedtls_net_set_nonblock", ret);
    goto exit;
  }
  printf(" ok\n");

  /* 2. Setup stuff */
  printf("  . Setting up the SSL/TLS structure...");
  fflush(stdout);
  if ((ret = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                         MBEDTLS_SSL_PRESET_DEFAULT)) != 0) {
    print_error("mbedtls_ssl_config_defaults", ret);
    goto exit;
  }
  /* The default authentication mode of a client is MBEDTLS_SSL_VERIFY_REQUIRED. */
  mbedtls_ssl_conf_ca_chain(&conf, &cacert, opt.crl_file != NULL ? &crl : NULL);
  if (opt.alpn != NULL) {
    size_t n = 0;
    char* p = alpn_buf;
    snprintf(alpn_buf, sizeof alpn_buf, "%s", opt.alpn);
    while (p != NULL && n + 1 < sizeof alpn_list / sizeof alpn_list[0]) {
      alpn_list[n++] = p;
      p = strchr(p, ',');
      if (p != NULL) *p++ = '\0';
    }
    alpn_list[n] = NULL;
    if ((ret = mbedtls_ssl_conf_alpn_protocols(&conf, alpn_list)) != 0) {
      print_error("mbedtls_ssl_conf_alpn_protocols", ret);
      goto exit;
    }
  }
  mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &ctr_drbg);
  mbedtls_ssl_conf_dbg(&conf, my_debug, stdout);
  if (strcmp(opt.max_version, "tls12") == 0)
    mbedtls_ssl_conf_max_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
  if (strcmp(opt.min_version, "tls1") == 0) /* "anything from TLS 1.0 on", as 2.28 programs say */
    mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_1);
  if (opt.verify_cb != NULL && strcmp(opt.verify_cb, "fail") != 0)
    mbedtls_ssl_conf_verify(&conf, my_verify, (void*)opt.verify_cb);
  if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0) {
    print_error("mbedtls_ssl_setup", ret);
    goto exit;
  }
  if (opt.verify_cb != NULL && strcmp(opt.verify_cb, "fail") == 0)
    mbedtls_ssl_set_verify(&ssl, my_verify, (void*)opt.verify_cb);
  /* server_name=NULL opts out of the name check; server_name=UNSET never calls set_hostname. */
  if (strcmp(opt.server_name, "UNSET") != 0 &&
      (ret = mbedtls_ssl_set_hostname(
           &ssl, strcmp(opt.server_name, "NULL") == 0 ? NULL : opt.server_name)) != 0) {
    print_error("mbedtls_ssl_set_hostname", ret);
    goto exit;
  }
  mbedtls_ssl_set_bio(&ssl, &server_fd, mbedtls_net_send, mbedtls_net_recv, NULL);
  printf(" ok\n");

  /* 4. Handshake */
handshake:
  printf("  . Performing the SSL/TLS handshake...");
  fflush(stdout);
  if (opt.step) {
    int last = -1;
    printf("\n    [ states:");
    while (ssl.state != MBEDTLS_SSL_HANDSHAKE_OVER) {
      if (ssl.state != last) printf(" %d", ssl.state);
      last = ssl.state;
      ret = mbedtls_ssl_handshake_step(&ssl);
      if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
        if (opt.nbio && (ret = wait_for(&server_fd, ret)) != 0) break;
        continue;
      }
      if (ret != 0) break;
    }
    if (ret == 0) printf(" %d", ssl.state);
    printf(" ]\n   ");
  } else {
    while ((ret = mbedtls_ssl_handshake(&ssl)) != 0) {
      if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE) break;
      if (opt.nbio && (ret = wait_for(&server_fd, ret)) != 0) break;
    }
  }
  if (ret != 0) {
    print_error("mbedtls_ssl_handshake", ret);
    print_verify(&ssl);
    goto exit;
  }
  printf(" ok\n    [ Protocol is %s ]\n    [ Ciphersuite is %s ]\n", mbedtls_ssl_get_version(&ssl),
         mbedtls_ssl_get_ciphersuite(&ssl));
  if (opt.alpn != NULL) {
    const char* alpn = mbedtls_ssl_get_alpn_protocol(&ssl);
    printf("    [ ALPN is %s ]\n", alpn != NULL ? alpn : "(none)");
  }

  /* 5. Verify the server certificate */
  printf("  . Verifying peer X.509 certificate...");
  if (mbedtls_ssl_get_verify_result(&ssl) != 0)
    printf(" failed\n");
  else
    printf(" ok\n");
  print_verify(&ssl);

  /* 3. Write the GET request */
  printf("  > Write to server:");
  fflush(stdout);
  len = snprintf((char*)buf, sizeof buf, "%s", opt.request);
  while ((ret = mbedtls_ssl_write(&ssl, buf, (size_t)len)) <= 0) {
    if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE) {
      print_error("mbedtls_ssl_write", ret);
      goto exit;
    }
    if (opt.nbio && (ret = wait_for(&server_fd, ret)) != 0) {
      print_error("mbedtls_net_poll", ret);
      goto exit;
    }
  }
  len = ret;
  printf(" %d bytes written\n\n%s", len, (char*)buf);

  /* 7. Read the HTTP response */
  printf("  < Read from server:");
  fflush(stdout);
  do {
    len = sizeof(buf) - 1;
    memset(buf, 0, sizeof(buf));
    ret = mbedtls_ssl_read(&ssl, buf, (size_t)len);
    if (ret == MBEDTLS_ERR_SSL_WANT_READ || ret == MBEDTLS_ERR_SSL_WANT_WRITE) {
      if (opt.nbio && (ret = wait_for(&server_fd, ret)) != 0) {
        print_error("mbedtls_net_poll", ret);
        goto exit;
      }
      continue;
    }
    if (ret == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY) {
      printf("\n  . The server sent close_notify\n");
      break;
    }
    if (ret < 0) {
      print_error("mbedtls_ssl_read", ret);
      break;
    }
    if (ret == 0) {
      printf("\n\nEOF\n\n");
      break;
    }
    len = ret;
    printf(" %d bytes read\n\n%s", len, (char*)buf);
  } while (1);

  /* The session, to resume it (TLS 1.3: its ticket came with the response). */
  if (opt.reconnect && !reconnected) {
    printf("  . Saving the session...");
    if ((ret = mbedtls_ssl_get_session(&ssl, &saved)) != 0) {
      print_error("mbedtls_ssl_get_session", ret);
      goto exit;
    }
    printf(" ok\n");
  }

  while ((ret = mbedtls_ssl_close_notify(&ssl)) == MBEDTLS_ERR_SSL_WANT_WRITE) {
    if (opt.nbio && wait_for(&server_fd, ret) != 0) break;
  }
  printf("  . Closed the connection\n");

  if (opt.reconnect && !reconnected) {
    reconnected = 1;
    mbedtls_net_free(&server_fd);
    if ((ret = mbedtls_ssl_session_reset(&ssl)) != 0) {
      print_error("mbedtls_ssl_session_reset", ret);
      goto exit;
    }
    printf("  . Reconnecting to tcp/%s/%s with the saved session...", opt.server_addr,
           opt.server_port);
    fflush(stdout);
    if ((ret = mbedtls_net_connect(&server_fd, opt.server_addr, opt.server_port,
                                   MBEDTLS_NET_PROTO_TCP)) != 0) {
      print_error("mbedtls_net_connect", ret);
      goto exit;
    }
    if (opt.nbio && (ret = mbedtls_net_set_nonblock(&server_fd)) != 0) {
      print_error("mbedtls_net_set_nonblock", ret);
      goto exit;
    }
    if ((ret = mbedtls_ssl_set_session(&ssl, &saved)) != 0) {
      print_error("mbedtls_ssl_set_session", ret);
      goto exit;
    }
    printf(" ok\n");
    goto handshake;
  }
  exit_code = 0;

exit:
  mbedtls_net_free(&server_fd);
  mbedtls_x509_crt_free(&cacert);
  mbedtls_x509_crl_free(&crl);
  mbedtls_ssl_session_free(&saved);
  mbedtls_ssl_free(&ssl);
  mbedtls_ssl_config_free(&conf);
  mbedtls_ctr_drbg_free(&ctr_drbg);
  mbedtls_entropy_free(&entropy);
  return exit_code;
}
