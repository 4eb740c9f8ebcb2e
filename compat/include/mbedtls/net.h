/**
 * \file net.h
 *
 * \brief Deprecated name of net_sockets.h.
 */
#ifndef MBEDTLS_NET_H
#define MBEDTLS_NET_H

#include "mbedtls/net_sockets.h"

#endif /* MBEDTLS_NET_H */
