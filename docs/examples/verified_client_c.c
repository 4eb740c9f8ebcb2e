/* A verified TLS client written against the Mbed TLS 2.28 API: checks the server's chain and
 * host name, sends a request, prints the reply. Usage: verified_client_c HOST PORT CA_FILE */
#include <stdio.h>

#include "mbedtls/ctr_drbg.h"
#include "mbedtls/entropy.h"
#include "mbedtls/error.h"
#include "mbedtls/net_sockets.h"
#include "mbedtls/ssl.h"

static int fail(const char* what, int ret) {
  char text[160];
  mbedtls_strerror(ret, text, sizeof text);
  fprintf(stderr, "%s: -0x%04x: %s\n", what, (unsigned)-ret, text);
  return 1;
}

int main(int argc, char** argv) {
  mbedtls_net_context net;
  mbedtls_entropy_context entropy;
  mbedtls_ctr_drbg_context drbg;
  mbedtls_x509_crt ca;
  mbedtls_ssl_config conf;
  mbedtls_ssl_context ssl;
  unsigned char buf[4096];
  int ret, rc = 1;
  if (argc != 4) return 2;
  mbedtls_net_init(&net);
  mbedtls_entropy_init(&entropy);
  mbedtls_ctr_drbg_init(&drbg);
  mbedtls_x509_crt_init(&ca);
  mbedtls_ssl_config_init(&conf);
  mbedtls_ssl_init(&ssl);
  if ((ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy, NULL, 0)) != 0 ||
      (ret = mbedtls_x509_crt_parse_file(&ca, argv[3])) != 0 ||
      (ret = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                         MBEDTLS_SSL_PRESET_DEFAULT)) != 0) {
    rc = fail("setup", ret);
    goto out;
  }
  mbedtls_ssl_conf_ca_chain(&conf, &ca, NULL); /* a client verifies by default */
  mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
  if ((ret = mbedtls_ssl_setup(&ssl, &conf)) != 0 ||
      (ret = mbedtls_ssl_set_hostname(&ssl, argv[1])) != 0 ||
      (ret = mbedtls_net_connect(&net, argv[1], argv[2], MBEDTLS_NET_PROTO_TCP)) != 0) {
    rc = fail("connect", ret);
    goto out;
  }
  mbedtls_ssl_set_bio(&ssl, &net, mbedtls_net_send, mbedtls_net_recv, NULL);
  while ((ret = mbedtls_ssl_handshake(&ssl)) != 0) {
    if (ret != MBEDTLS_ERR_SSL_WANT_READ && ret != MBEDTLS_ERR_SSL_WANT_WRITE) {
      rc = fail("handshake", ret);
      goto out;
    }
  }
  fprintf(stderr, "%s, %s\n", mbedtls_ssl_get_version(&ssl), mbedtls_ssl_get_ciphersuite(&ssl));
  if ((ret = mbedtls_ssl_write(&ssl, (const unsigned char*)"GET / HTTP/1.0\r\n\r\n", 18)) < 0) {
    rc = fail("write", ret);
    goto out;
  }
  while ((ret = mbedtls_ssl_read(&ssl, buf, sizeof buf)) > 0) fwrite(buf, 1, (size_t)ret, stdout);
  mbedtls_ssl_close_notify(&ssl);
  rc = 0;
out:
  mbedtls_ssl_free(&ssl);
  mbedtls_ssl_config_free(&conf);
  mbedtls_x509_crt_free(&ca);
  mbedtls_ctr_drbg_free(&drbg);
  mbedtls_entropy_free(&entropy);
  mbedtls_net_free(&net);
  return rc;
}
