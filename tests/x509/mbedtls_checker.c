/* The reference side of the X.509 differential test: verifies a chain with the real
 * Mbed TLS 2.28 (Debian libmbedtls-dev) and prints the result exactly as `ember-x509 verify`
 * does: "flags=0x%08x", then mbedtls_x509_crt_verify_info's lines. Same options (subset).
 * --time is implemented by interposing time(): Mbed TLS reads the clock through time(). */
#include <mbedtls/error.h>
#include <mbedtls/x509_crl.h>
#include <mbedtls/x509_crt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static time_t g_fake_time = 0;

time_t time(time_t* t) {
  time_t now = g_fake_time;
  if (now == 0) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    now = ts.tv_sec;
  }
  if (t != NULL) *t = now;
  return now;
}

static mbedtls_x509_crt ca, chain;
static mbedtls_x509_crl crl;

static void cleanup(void) {
  mbedtls_x509_crt_free(&ca);
  mbedtls_x509_crt_free(&chain);
  mbedtls_x509_crl_free(&crl);
}

static int input_error(const char* file, int rc) {
  char buf[200];
  mbedtls_strerror(rc, buf, sizeof buf);
  fprintf(stderr, "mbedtls-checker: %s: %s\n", file, buf);
  cleanup();
  return 2;
}

int main(int argc, char** argv) {
  const mbedtls_x509_crt_profile* profile = &mbedtls_x509_crt_profile_default;
  const char *host = NULL, *chain_file = NULL;
  int have_crl = 0, rc;
  uint32_t flags = 0;
  char info[2048];

  mbedtls_x509_crt_init(&ca);
  mbedtls_x509_crt_init(&chain);
  mbedtls_x509_crl_init(&crl);
  for (int i = 1; i < argc; ++i) {
    const char* a = argv[i];
    const char* v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strcmp(a, "--cafile") == 0 && v) {
      /* As ssl_client2: a positive count of unparsable certificates is not fatal. */
      if ((rc = mbedtls_x509_crt_parse_file(&ca, v)) < 0) return input_error(v, rc);
      ++i;
    } else if (strcmp(a, "--capath") == 0 && v) {
      if ((rc = mbedtls_x509_crt_parse_path(&ca, v)) < 0) return input_error(v, rc);
      ++i;
    } else if (strcmp(a, "--crl") == 0 && v) {
      if ((rc = mbedtls_x509_crl_parse_file(&crl, v)) != 0) return input_error(v, rc);
      have_crl = 1;
      ++i;
    } else if (strcmp(a, "--host") == 0 && v) {
      host = v;
      ++i;
    } else if (strcmp(a, "--time") == 0 && v) {
      struct tm tm;
      memset(&tm, 0, sizeof tm);
      if (sscanf(v, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
                 &tm.tm_min, &tm.tm_sec) != 6)
        return input_error(v, MBEDTLS_ERR_X509_BAD_INPUT_DATA);
      tm.tm_year -= 1900;
      tm.tm_mon -= 1;
      g_fake_time = timegm(&tm);
      ++i;
    } else if (strcmp(a, "--profile") == 0 && v) {
      if (strcmp(v, "next") == 0)
        profile = &mbedtls_x509_crt_profile_next;
      else if (strcmp(v, "suiteb") == 0)
        profile = &mbedtls_x509_crt_profile_suiteb;
      else if (strcmp(v, "default") != 0)
        return input_error(v, MBEDTLS_ERR_X509_BAD_INPUT_DATA);
      ++i;
    } else if (a[0] != '-' && chain_file == NULL) {
      chain_file = a;
    } else {
      return input_error(a, MBEDTLS_ERR_X509_BAD_INPUT_DATA);
    }
  }
  if (chain_file == NULL) return input_error("(no chain)", MBEDTLS_ERR_X509_BAD_INPUT_DATA);
  if ((rc = mbedtls_x509_crt_parse_file(&chain, chain_file)) != 0)
    return input_error(chain_file, rc);
  mbedtls_x509_crt_verify_with_profile(&chain, &ca, have_crl ? &crl : NULL, profile, host, &flags,
                                       NULL, NULL);
  printf("flags=0x%08x\n", flags);
  if (flags != 0) {
    mbedtls_x509_crt_verify_info(info, sizeof info, "", flags);
    fputs(info, stdout);
  }
  cleanup();
  return flags == 0 ? 0 : 1;
}
