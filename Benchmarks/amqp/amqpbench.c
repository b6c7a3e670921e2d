/* Baseline for the sluice AMQP figures: publish N messages with confirms (a window of W
   unconfirmed), or consume N with manual acks (prefetch P), on one connection. */
#include <amqp.h>
#include <amqp_tcp_socket.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static void die(const char *what) { fprintf(stderr, "%s failed\n", what); exit(1); }
int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage: %s pub|sub port queue N size|prefetch [window]\n", argv[0]); return 2; }
  int port = atoi(argv[2]); const char *queue = argv[3]; long n = atol(argv[4]); int size = atoi(argv[5]);
  int window = argc > 6 ? atoi(argv[6]) : 64;
  amqp_connection_state_t c = amqp_new_connection();
  amqp_socket_t *s = amqp_tcp_socket_new(c);
  if (amqp_socket_open(s, "127.0.0.1", port)) die("open");
  if (amqp_login(c, "/", 0, 131072, 0, AMQP_SASL_METHOD_PLAIN, "guest", "guest").reply_type != AMQP_RESPONSE_NORMAL) die("login");
  amqp_channel_open(c, 1);
  if (amqp_get_rpc_reply(c).reply_type != AMQP_RESPONSE_NORMAL) die("channel");
  amqp_queue_declare(c, 1, amqp_cstring_bytes(queue), 0, 1, 0, 0, amqp_empty_table);
  if (amqp_get_rpc_reply(c).reply_type != AMQP_RESPONSE_NORMAL) die("declare");
  double t0 = now();
  if (strcmp(argv[1], "pub") == 0) {
    amqp_confirm_select(c, 1);
    if (amqp_get_rpc_reply(c).reply_type != AMQP_RESPONSE_NORMAL) die("confirm");
    char *body = malloc(size); memset(body, 'x', size);
    amqp_bytes_t b = { (size_t)size, body };
    amqp_basic_properties_t p; p._flags = AMQP_BASIC_CONTENT_TYPE_FLAG | AMQP_BASIC_DELIVERY_MODE_FLAG;
    p.content_type = amqp_cstring_bytes("application/octet-stream"); p.delivery_mode = 1;
    long sent = 0, confirmed = 0;
    while (confirmed < n) {
      while (sent < n && sent - confirmed < window) {
        if (amqp_basic_publish(c, 1, amqp_empty_bytes, amqp_cstring_bytes(queue), 0, 0, &p, b)) die("publish");
        sent++;
      }
      amqp_frame_t f;
      if (amqp_simple_wait_frame(c, &f) != AMQP_STATUS_OK) die("wait");
      if (f.frame_type == AMQP_FRAME_METHOD && f.payload.method.id == AMQP_BASIC_ACK_METHOD) {
        amqp_basic_ack_t *a = f.payload.method.decoded;
        confirmed = a->multiple ? (long)a->delivery_tag : confirmed + 1;
      } else if (f.frame_type == AMQP_FRAME_METHOD) die("confirm (nack/close)");
    }
  } else {
    amqp_basic_qos(c, 1, 0, (uint16_t)size, 0);
    amqp_basic_consume(c, 1, amqp_cstring_bytes(queue), amqp_empty_bytes, 0, 0, 0, amqp_empty_table);
    if (amqp_get_rpc_reply(c).reply_type != AMQP_RESPONSE_NORMAL) die("consume");
    for (long i = 0; i < n; i++) {
      amqp_envelope_t e; amqp_maybe_release_buffers(c);
      if (amqp_consume_message(c, &e, NULL, 0).reply_type != AMQP_RESPONSE_NORMAL) die("consume_message");
      if (amqp_basic_ack(c, 1, e.delivery_tag, 0)) die("ack");
      amqp_destroy_envelope(&e);
    }
  }
  double dt = now() - t0;
  printf("%s %ld msgs in %.3f s = %.0f msg/s\n", argv[1], n, dt, n / dt);
  amqp_channel_close(c, 1, AMQP_REPLY_SUCCESS); amqp_connection_close(c, AMQP_REPLY_SUCCESS); amqp_destroy_connection(c);
  return 0;
}
