/*
 * x509_facts: parses certificates, CRLs and keys given on the command line through the
 * Mbed TLS 2.28 API and prints what programs read: return codes, the public fields of each
 * mbedtls_x509_crt of the chain, mbedtls_x509_dn_gets / serial_gets / crt_info texts and the
 * pk queries. Built against Debian's Mbed TLS 2.28 and against embertls; tests/capi.cmake
 * compares the two outputs (capi.x509_facts).
 * Usage: x509_facts crt:FILE... key:FILE... crl:FILE... der:FILE (mbedtls_x509_crt_parse_der)
 *        path:DIR (mbedtls_x509_crt_parse_path: the count of failures and of certificates)
 *        verify:CHAIN,CA[,CN[,CRL[,cb]]] (mbedtls_x509_crt_verify; cb: with a callback that
 *        prints depth and subject of each certificate and clears BADCERT_EXPIRED)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mbedtls/error.h"
#include "mbedtls/pk.h"
#include "mbedtls/x509_crl.h"
#include "mbedtls/x509_crt.h"

static void print_ret(const char* what, const char* file, int ret) {
  char buf[256];
  mbedtls_strerror(ret, buf, sizeof buf);
  printf("%s %s -> %d%s%s\n", what, file, ret < 0 ? -(-ret) : ret, ret < 0 ? " " : "",
         ret < 0 ? buf : "");
}

static void print_time(const char* name, const mbedtls_x509_time* t) {
  printf("  %s %04d-%02d-%02d %02d:%02d:%02d\n", name, t->year, t->mon, t->day, t->hour, t->min,
         t->sec);
}

static void print_crt(const mbedtls_x509_crt* crt) {
  char buf[4096];
  int n = 0, ret;
  for (; crt != NULL; crt = crt->next, ++n) {
    printf(" cert %d\n", n);
    printf("  version %d raw.len %u tbs.len %u raw.tag %d\n", crt->version,
           (unsigned int)crt->raw.len, (unsigned int)crt->tbs.len, crt->raw.tag);
    ret = mbedtls_x509_serial_gets(buf, sizeof buf, &crt->serial);
    printf("  serial %d %s\n", ret, buf);
    ret = mbedtls_x509_dn_gets(buf, sizeof buf, &crt->subject);
    printf("  subject %d %s\n", ret, buf);
    ret = mbedtls_x509_dn_gets(buf, sizeof buf, &crt->issuer);
    printf("  issuer %d %s\n", ret, buf);
    printf("  subject_raw.len %u issuer_raw.len %u pk_raw.len %u sig.len %u\n",
           (unsigned int)crt->subject_raw.len, (unsigned int)crt->issuer_raw.len,
           (unsigned int)crt->pk_raw.len, (unsigned int)crt->sig.len);
    print_time("valid_from", &crt->valid_from);
    print_time("valid_to", &crt->valid_to);
    printf("  sig_md %d sig_pk %d\n", (int)crt->sig_md, (int)crt->sig_pk);
    printf("  pk type %d name %s bitlen %u len %u\n", (int)mbedtls_pk_get_type(&crt->pk),
           mbedtls_pk_get_name(&crt->pk), (unsigned int)mbedtls_pk_get_bitlen(&crt->pk),
           (unsigned int)mbedtls_pk_get_len(&crt->pk));
    printf("  ca_istrue %d max_pathlen %d key_usage 0x%x ns_cert_type 0x%x ext_types 0x%x\n",
           crt->ca_istrue, crt->max_pathlen, crt->key_usage, (unsigned int)crt->ns_cert_type,
           (unsigned int)crt->ext_types);
    printf("  raw starts with the DER %d\n", crt->raw.p != NULL && crt->raw.p[0] == 0x30);
    ret = mbedtls_x509_crt_info(buf, sizeof buf, "    ", crt);
    printf("  info %d\n%s", ret, buf);
    ret = mbedtls_x509_crt_info(buf, 16, "    ", crt);
    printf("  info into 16 bytes %d\n", ret);
  }
}

static int vrfy_cb(void* p, mbedtls_x509_crt* crt, int depth, uint32_t* flags) {
  char dn[256];
  (void)p;
  mbedtls_x509_dn_gets(dn, sizeof dn, &crt->subject);
  printf("  callback depth %d flags 0x%08x %s\n", depth, (unsigned int)*flags, dn);
  *flags &= ~(uint32_t)MBEDTLS_X509_BADCERT_EXPIRED;
  return 0;
}

static void verify(const char* spec) {
  char buf[1024], *fields[5] = {NULL, NULL, NULL, NULL, NULL}, *p;
  int n = 0, ret;
  uint32_t flags = 0;
  mbedtls_x509_crt chain, ca;
  mbedtls_x509_crl crl;
  snprintf(buf, sizeof buf, "%s", spec);
  for (p = buf; p != NULL && n < 5; ++n) {
    fields[n] = p;
    p = strchr(p, ',');
    if (p != NULL) *p++ = '\0';
  }
  mbedtls_x509_crt_init(&chain);
  mbedtls_x509_crt_init(&ca);
  mbedtls_x509_crl_init(&crl);
  if (mbedtls_x509_crt_parse_file(&chain, fields[0]) < 0 ||
      mbedtls_x509_crt_parse_file(&ca, fields[1]) < 0 ||
      (fields[3] != NULL && fields[3][0] != '\0' &&
       mbedtls_x509_crl_parse_file(&crl, fields[3]) != 0)) {
    printf("verify: unreadable input\n");
  } else {
    const char* cn = fields[2] != NULL && fields[2][0] != '\0' ? fields[2] : NULL;
    int cb = fields[4] != NULL && strcmp(fields[4], "cb") == 0;
    printf("verify %s cn %s%s\n", strrchr(fields[0], '/') + 1, cn != NULL ? cn : "(none)",
           cb ? " with callback" : "");
    ret = mbedtls_x509_crt_verify(&chain, &ca, fields[3] != NULL ? &crl : NULL, cn, &flags,
                                  cb ? vrfy_cb : NULL, NULL);
    print_ret("  ret", "", ret);
    printf("  flags 0x%08x\n", (unsigned int)flags);
    if (flags != 0 && flags != 0xFFFFFFFFu) {
      mbedtls_x509_crt_verify_info(buf, sizeof buf, "  ! ", flags);
      printf("%s", buf);
    }
    printf("  key usage digitalSignature %d keyCertSign %d\n",
           mbedtls_x509_crt_check_key_usage(&chain, MBEDTLS_X509_KU_DIGITAL_SIGNATURE),
           mbedtls_x509_crt_check_key_usage(&chain, MBEDTLS_X509_KU_KEY_CERT_SIGN));
    printf(
        "  eku serverAuth %d clientAuth %d\n",
        mbedtls_x509_crt_check_extended_key_usage(&chain, "\x2b\x06\x01\x05\x05\x07\x03\x01", 8),
        mbedtls_x509_crt_check_extended_key_usage(&chain, "\x2b\x06\x01\x05\x05\x07\x03\x02", 8));
  }
  mbedtls_x509_crt_free(&chain);
  mbedtls_x509_crt_free(&ca);
  mbedtls_x509_crl_free(&crl);
}

static int read_file(const char* path, unsigned char** data, size_t* len) {
  FILE* f = fopen(path, "rb");
  long size;
  if (f == NULL) return -1;
  fseek(f, 0, SEEK_END);
  size = ftell(f);
  fseek(f, 0, SEEK_SET);
  *data = malloc((size_t)size + 1);
  if (*data == NULL || fread(*data, 1, (size_t)size, f) != (size_t)size) {
    fclose(f);
    return -1;
  }
  fclose(f);
  *len = (size_t)size;
  return 0;
}

int main(int argc, char** argv) {
  int a, ret;
  for (a = 1; a < argc; ++a) {
    const char* arg = argv[a];
    if (strncmp(arg, "crt:", 4) == 0) {
      mbedtls_x509_crt crt;
      mbedtls_x509_crt_init(&crt);
      ret = mbedtls_x509_crt_parse_file(&crt, arg + 4);
      print_ret("crt", strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg + 4, ret);
      if (ret >= 0) print_crt(&crt);
      mbedtls_x509_crt_free(&crt);
      mbedtls_x509_crt_free(&crt); /* freeing twice is safe */
    } else if (strncmp(arg, "verify:", 7) == 0) {
      verify(arg + 7);
    } else if (strncmp(arg, "path:", 5) == 0) {
      mbedtls_x509_crt crt;
      const mbedtls_x509_crt* c;
      int n = 0;
      mbedtls_x509_crt_init(&crt);
      ret = mbedtls_x509_crt_parse_path(&crt, arg + 5);
      for (c = &crt; c != NULL && c->raw.p != NULL; c = c->next) ++n;
      print_ret("path", strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg + 5, ret);
      printf("  certificates %d\n", n);
      mbedtls_x509_crt_free(&crt);
    } else if (strncmp(arg, "der:", 4) == 0) {
      mbedtls_x509_crt crt;
      unsigned char* data = NULL;
      size_t len = 0;
      mbedtls_x509_crt_init(&crt);
      if (read_file(arg + 4, &data, &len) != 0) {
        printf("der %s unreadable\n", arg + 4);
        continue;
      }
      ret = mbedtls_x509_crt_parse_der(&crt, data, len);
      print_ret("der", strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg + 4, ret);
      ret = mbedtls_x509_crt_parse_der(&crt, data, len > 10 ? len - 10 : len);
      print_ret("der truncated", strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg + 4, ret);
      free(data);
      mbedtls_x509_crt_free(&crt);
    } else if (strncmp(arg, "key:", 4) == 0) {
      mbedtls_pk_context pk;
      mbedtls_pk_init(&pk);
      ret = mbedtls_pk_parse_keyfile(&pk, arg + 4, NULL);
      print_ret("key", strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg + 4, ret);
      if (ret == 0)
        printf("  pk type %d name %s bitlen %u\n", (int)mbedtls_pk_get_type(&pk),
               mbedtls_pk_get_name(&pk), (unsigned int)mbedtls_pk_get_bitlen(&pk));
      mbedtls_pk_free(&pk);
      mbedtls_pk_free(&pk);
    } else if (strncmp(arg, "pair:", 5) == 0) {
      /* pair:CRT,KEY: mbedtls_pk_check_pair(certificate's key, private key), and the
       * private key against itself. */
      char crt_path[512];
      const char* comma = strchr(arg + 5, ',');
      mbedtls_x509_crt crt;
      mbedtls_pk_context pk;
      if (comma == NULL || (size_t)(comma - arg - 5) >= sizeof crt_path) continue;
      memcpy(crt_path, arg + 5, (size_t)(comma - arg - 5));
      crt_path[comma - arg - 5] = '\0';
      mbedtls_x509_crt_init(&crt);
      mbedtls_pk_init(&pk);
      if (mbedtls_x509_crt_parse_file(&crt, crt_path) == 0 &&
          mbedtls_pk_parse_keyfile(&pk, comma + 1, NULL) == 0) {
        printf("pair %s %s\n", strrchr(crt_path, '/') + 1, strrchr(comma + 1, '/') + 1);
        printf("  check_pair -0x%04x, with itself -0x%04x\n",
               (unsigned int)-mbedtls_pk_check_pair(&crt.pk, &pk),
               (unsigned int)-mbedtls_pk_check_pair(&pk, &pk));
      }
      mbedtls_x509_crt_free(&crt);
      mbedtls_pk_free(&pk);
    } else if (strncmp(arg, "crl:", 4) == 0) {
      mbedtls_x509_crl crl;
      mbedtls_x509_crl_init(&crl);
      ret = mbedtls_x509_crl_parse_file(&crl, arg + 4);
      print_ret("crl", strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg + 4, ret);
      if (ret == 0) {
        printf("  version %d raw.len %u\n", crl.version, (unsigned int)crl.raw.len);
        print_time("this_update", &crl.this_update);
        print_time("next_update", &crl.next_update);
      }
      mbedtls_x509_crl_free(&crl);
    }
  }
  return 0;
}
