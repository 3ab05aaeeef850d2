/*
 * LD_PRELOAD library that keeps a server on 127.0.0.1, for daemons without a
 * listen-address option (gnutls-serv binds the wildcard address of every
 * address family that getaddrinfo returns).
 *
 *   bind()   on an IPv4 socket: the address is replaced by 127.0.0.1 (the
 *            port is kept). On an IPv6 socket: refused with EADDRNOTAVAIL, so
 *            the server carries on with its IPv4 socket only. Other families
 *            (AF_UNIX, ...) are passed through.
 *   listen() refused (EADDRNOTAVAIL) unless the socket is bound to
 *            127.0.0.1, so a socket that was never bound (the kernel would
 *            pick a port on every address) cannot listen either.
 *
 * Built by testservers/servers/gnutls.sh into the run directory:
 *   cc -shared -fPIC -o loopback-bind.so loopback-bind.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

typedef int (*bind_fn)(int, const struct sockaddr *, socklen_t);
typedef int (*listen_fn)(int, int);

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	bind_fn real_bind = (bind_fn)dlsym(RTLD_NEXT, "bind");
	struct sockaddr_in sin;

	if (real_bind == NULL) {
		errno = ENOSYS;
		return -1;
	}
	if (addr == NULL || len < sizeof(sa_family_t))
		return real_bind(fd, addr, len);
	switch (addr->sa_family) {
	case AF_INET:
		if (len < sizeof(sin)) {
			errno = EINVAL;
			return -1;
		}
		memcpy(&sin, addr, sizeof(sin));
		sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		return real_bind(fd, (const struct sockaddr *)&sin, sizeof(sin));
	case AF_INET6:
		errno = EADDRNOTAVAIL;
		return -1;
	default:
		return real_bind(fd, addr, len);
	}
}

int listen(int fd, int backlog)
{
	listen_fn real_listen = (listen_fn)dlsym(RTLD_NEXT, "listen");
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (real_listen == NULL) {
		errno = ENOSYS;
		return -1;
	}
	memset(&ss, 0, sizeof(ss));
	if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0) {
		if (ss.ss_family == AF_INET) {
			const struct sockaddr_in *sin = (const struct sockaddr_in *)&ss;
			if (sin->sin_addr.s_addr != htonl(INADDR_LOOPBACK)) {
				errno = EADDRNOTAVAIL;
				return -1;
			}
		} else if (ss.ss_family == AF_INET6) {
			errno = EADDRNOTAVAIL;
			return -1;
		}
	}
	return real_listen(fd, backlog);
}
