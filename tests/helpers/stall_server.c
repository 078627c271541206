/*
 * stall_server — an HTTP/1.1 test server for the load generator's tests, on 127.0.0.1 only.
 * Single-threaded epoll loop answering every request with a 13-byte body. Modes:
 *   ok              answer at once
 *   stall           answer at once, but freeze the whole loop for --stall-ms every --every-ms
 *                   (a GC-like pause: everything queued behind it waits)
 *   garbage         a status line that is not HTTP
 *   status-999      a status outside the five classes HTTP defines
 *   huge-headers    a response with 64 KB of headers
 *   huge-chunk      a chunked body announcing 2^63 bytes
 *   close-mid-body  Content-Length 100, 10 bytes, then close
 *   chunked         a valid chunked body
 *   silent          accept and read requests, never answer
 *   refuse          hold a port without listening: every connection is refused
 * It prints its port on stdout once listening (one line, one write: a reader that sees the
 * newline has all of it), then "answered" once it has answered its first request (so a test can
 * wait for a client to be under way instead of sleeping), and exits after --max-seconds
 * (default 60).
 * Usage: stall_server [--mode M] [--stall-ms N] [--every-ms N] [--max-seconds N]
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static long long now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&t, &t) != 0 && errno == EINTR)
		;
}

static const char ok[] = "HTTP/1.1 200 OK\r\nContent-Length: 13\r\nContent-Type: text/plain\r\n\r\n"
			 "Hello, World!";
static const char chunked[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
			      "5\r\nHello\r\n8\r\n, World!\r\n0\r\n\r\n";

/* Writes a whole buffer to a non-blocking socket, waiting briefly when it is full. */
static int send_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w < 0 && (errno == EAGAIN || errno == EINTR)) {
			sleep_ms(1);
			continue;
		}
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Answers one request in `mode`; returns -1 when the connection should be closed. */
static int answer(int fd, const char *mode)
{
	if (strcmp(mode, "status-999") == 0)
		return send_all(fd, "HTTP/1.1 999 Nope\r\nContent-Length: 0\r\n\r\n", 40) == 0 ? 0
											       : -1;
	if (strcmp(mode, "garbage") == 0)
		return send_all(fd, "SPDY/9 banana\r\n\r\n", 17) == 0 ? 0 : -1;
	if (strcmp(mode, "chunked") == 0)
		return send_all(fd, chunked, sizeof chunked - 1);
	if (strcmp(mode, "huge-chunk") == 0) {
		static const char r[] = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
					"8000000000000000\r\nabc";
		return send_all(fd, r, sizeof r - 1);
	}
	if (strcmp(mode, "close-mid-body") == 0) {
		static const char r[] = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789";
		send_all(fd, r, sizeof r - 1);
		return -1;
	}
	if (strcmp(mode, "huge-headers") == 0) {
		static char big[70000];
		size_t n = (size_t)snprintf(big, sizeof big, "HTTP/1.1 200 OK\r\n");
		while (n < 65536)
			n += (size_t)snprintf(big + n, sizeof big - n, "X-Filler: %0100d\r\n", 0);
		n += (size_t)snprintf(big + n, sizeof big - n, "Content-Length: 0\r\n\r\n");
		return send_all(fd, big, n);
	}
	return send_all(fd, ok, sizeof ok - 1);
}

int main(int argc, char **argv)
{
	const char *mode = "ok";
	long stall_ms = 100, every_ms = 1000, max_s = 60;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--mode") == 0)
			mode = argv[i + 1];
		else if (strcmp(argv[i], "--stall-ms") == 0)
			stall_ms = strtol(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--every-ms") == 0)
			every_ms = strtol(argv[i + 1], NULL, 10);
		else if (strcmp(argv[i], "--max-seconds") == 0)
			max_s = strtol(argv[i + 1], NULL, 10);
	}
	int ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	int one = 1;
	setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = 0};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	bool refuse = strcmp(mode, "refuse") == 0;
	if (bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || (!refuse && listen(ls, 1024) != 0)) {
		perror("stall_server");
		return 1;
	}
	socklen_t alen = sizeof a;
	getsockname(ls, (struct sockaddr *)&a, &alen);
	char line[16];
	int len = snprintf(line, sizeof line, "%d\n", ntohs(a.sin_port));
	if (write(1, line, (size_t)len) != len)
		return 1;
	if (refuse) { /* bound, so nobody else gets the port; not listening, so it refuses */
		sleep_ms(max_s * 1000);
		return 0;
	}
	int ep = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = {.events = EPOLLIN, .data.fd = ls};
	epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev);
	long long start = now_ms(), next_stall = start + every_ms;
	bool stalls = strcmp(mode, "stall") == 0, silent = strcmp(mode, "silent") == 0;
	bool answered = false;
	/* per connection: how far into "\r\n\r\n" the request stream is */
	static unsigned char matched[65536];
	char buf[65536];
	while (now_ms() - start < max_s * 1000) {
		if (stalls && now_ms() >= next_stall) {
			sleep_ms(stall_ms); /* the pause: nothing is read or answered meanwhile */
			next_stall += every_ms;
		}
		struct epoll_event evs[256];
		int n = epoll_wait(ep, evs, 256, 5);
		for (int i = 0; i < n; i++) {
			int fd = evs[i].data.fd;
			if (fd == ls) {
				int c;
				while ((c = accept4(ls, NULL, NULL,
						    SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
					if (c >= 65536) {
						close(c);
						continue;
					}
					setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
					matched[c] = 0;
					struct epoll_event ce = {.events = EPOLLIN, .data.fd = c};
					epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce);
				}
				continue;
			}
			ssize_t r = recv(fd, buf, sizeof buf, 0);
			if (r <= 0) {
				if (r < 0 && errno == EAGAIN)
					continue;
				close(fd);
				continue;
			}
			static const char end[] = "\r\n\r\n";
			bool closed = false;
			for (ssize_t k = 0; k < r && !closed; k++) {
				matched[fd] = buf[k] == end[matched[fd]] ? matched[fd] + 1
					      : buf[k] == '\r'		 ? 1
									 : 0;
				if (matched[fd] == 4) {
					matched[fd] = 0;
					if (silent)
						continue;
					if (answer(fd, mode) != 0) {
						close(fd);
						closed = true;
					}
					if (!answered && write(1, "answered\n", 9) == 9)
						answered = true;
				}
			}
		}
	}
	return 0;
}
