#ifndef CRABBITMQ_SHIM_H
#define CRABBITMQ_SHIM_H
#if __has_include(<rabbitmq-c/amqp.h>)     /* rabbitmq-c >= 0.12 layout */
#include <rabbitmq-c/amqp.h>
#include <rabbitmq-c/tcp_socket.h>
#else                                       /* Debian bookworm 0.11.0 */
#include <amqp.h>
#include <amqp_tcp_socket.h>
#endif
#include <sys/time.h>
#include <sys/eventfd.h>

/* A non-blocking eventfd that wakes a connection thread sleeping in poll (Glibc's Swift
   module does not export sys/eventfd.h). */
static inline int CRabbitMQ_wake_fd(void) {
    return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
}

/* amqp_login() is C-variadic, which Swift cannot call: a fixed-argument PLAIN login. */
static inline amqp_rpc_reply_t CRabbitMQ_login_plain(amqp_connection_state_t state, const char *vhost,
        int channel_max, int frame_max, int heartbeat, const char *user, const char *password) {
    return amqp_login(state, vhost, channel_max, frame_max, heartbeat,
                      AMQP_SASL_METHOD_PLAIN, user, password);
}

/* A timeval from milliseconds, so Swift need not know the platform's field types. */
static inline struct timeval CRabbitMQ_timeval_ms(long ms) {
    struct timeval tv;
    tv.tv_sec = ms / 1000;
    tv.tv_usec = (ms % 1000) * 1000;
    return tv;
}

/* Waits for one frame for at most `ms` milliseconds (0 polls); AMQP_STATUS_TIMEOUT when none came. */
static inline int CRabbitMQ_wait_frame_ms(amqp_connection_state_t state, amqp_frame_t *frame, long ms) {
    struct timeval tv = CRabbitMQ_timeval_ms(ms);
    return amqp_simple_wait_frame_noblock(state, frame, &tv);
}

/* Waits for one delivery for at most `ms` milliseconds. */
static inline amqp_rpc_reply_t CRabbitMQ_consume_ms(amqp_connection_state_t state, amqp_envelope_t *envelope, long ms) {
    struct timeval tv = CRabbitMQ_timeval_ms(ms);
    return amqp_consume_message(state, envelope, &tv, 0);
}

/* Opens the socket with a connect timeout in milliseconds. */
static inline int CRabbitMQ_socket_open_ms(amqp_socket_t *socket, const char *host, int port, long ms) {
    struct timeval tv = CRabbitMQ_timeval_ms(ms);
    return amqp_socket_open_noblock(socket, host, port, &tv);
}
#endif
