/* simprop: runs the prop firmware (.hex) in simavr as an ATmega328P at 16 MHz, in real time.
 *
 *  - The UART is bridged to a tty: a new pty whose path it prints ("pty /dev/pts/N"), or, with --tty,
 *    an existing one (the device end of a socat pair). Bytes for the firmware wait in our own buffer and
 *    enter the emulated UART only while its 64-byte FIFO says XON, so nothing is dropped.
 *  - Real time: a cycle timer every 100 us of emulated time compares the cycle count with the host's
 *    monotonic clock and waits (in ppoll on the tty, so input wakes it) while the emulator is ahead. If
 *    the host starves it by more than 2 ms it gives that time up (a "slip") instead of racing, and says
 *    so in the last line of the edge log: "# stats slips N slipped_ns T max_lag_ns L".
 *    simavr's own sleep callback is replaced; while the firmware sleeps the emulator jumps to the next
 *    timer event, at most 100 us away.
 *  - With --edges FILE every level change of the WS2812 data pin (PD7) is logged as "<cycle> <level>",
 *    each burst after >= 50 us of silence preceded by "# sync <cycle> <CLOCK_MONOTONIC ns>", and every
 *    PWM compare write as "# pwm <r|g|b> <cycle> <value>".
 *  - SIGTERM/SIGINT flush the log and _exit(): simavr's own teardown can hang.
 *
 * usage: simprop --hex prop.hex [--tty PATH | --link PATH] [--edges FILE]
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <simavr/avr_ioport.h>
#include <simavr/avr_timer.h>
#include <simavr/avr_uart.h>
#include <simavr/sim_avr.h>
#include <simavr/sim_hex.h>
#include <simavr/sim_irq.h>

#define FREQUENCY 16000000u
#define PACE_CYCLES 1600u /* 100 us */
#define QUIET_CYCLES 800u /* 50 us: a new WS2812 burst */
/* Behind the host clock by more than this (the host starved us), the emulator gives the time up rather
 * than racing to catch up: a race would run the device clock fast for a while, which no crystal does. */
#define MAX_LAG_NS 2000000u

static avr_t *avr;
static int tty_fd = -1;
static FILE *edges;
static volatile sig_atomic_t stopping;
static uint64_t start_ns;
static uint64_t slips, slipped_ns, max_lag_ns;

static uint8_t to_avr[1 << 16];
static size_t to_avr_head, to_avr_tail; /* ring, indices masked on use */
static int uart_xoff;
static uint8_t from_avr[1 << 16];
static size_t from_avr_length;

static uint64_t monotonic_ns(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

static void flush_to_tty(void) {
  size_t written = 0;
  while (written < from_avr_length) {
    ssize_t n = write(tty_fd, from_avr + written, from_avr_length - written);
    if (n <= 0) break; /* nobody reading yet (EAGAIN/EIO): keep the rest */
    written += (size_t)n;
  }
  memmove(from_avr, from_avr + written, from_avr_length - written);
  from_avr_length -= written;
}

static void read_from_tty(void) {
  for (;;) {
    size_t used = to_avr_head - to_avr_tail;
    size_t space = sizeof to_avr - used;
    if (space == 0) return;
    size_t at = to_avr_head & (sizeof to_avr - 1);
    size_t chunk = sizeof to_avr - at < space ? sizeof to_avr - at : space;
    ssize_t n = read(tty_fd, to_avr + at, chunk);
    if (n <= 0) return;
    to_avr_head += (size_t)n;
  }
}

static void feed_uart(void) {
  avr_irq_t *input = avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
  while (!uart_xoff && to_avr_tail != to_avr_head) {
    avr_raise_irq(input, to_avr[to_avr_tail & (sizeof to_avr - 1)]);
    to_avr_tail++;
  }
}

static void on_uart_output(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)param;
  if (from_avr_length < sizeof from_avr) from_avr[from_avr_length++] = (uint8_t)value;
}

static void on_xon(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)value;
  (void)param;
  uart_xoff = 0;
}

static void on_xoff(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)value;
  (void)param;
  uart_xoff = 1;
}

static uint64_t last_edge_cycle;
static int last_level = -1;

static void on_data_pin(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)param;
  int level = value ? 1 : 0;
  if (level == last_level) return;
  uint64_t cycle = avr->cycle;
  if (level == 1 && cycle - last_edge_cycle >= QUIET_CYCLES)
    fprintf(edges, "# sync %llu %llu\n", (unsigned long long)cycle, (unsigned long long)monotonic_ns());
  fprintf(edges, "%llu %d\n", (unsigned long long)cycle, level);
  last_level = level;
  last_edge_cycle = cycle;
}

static void on_pwm(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  fprintf(edges, "# pwm %s %llu %u\n", (const char *)param, (unsigned long long)avr->cycle, value);
}

/* Every 100 us of emulated time: move bytes, then wait until the host clock catches up. */
static avr_cycle_count_t pace(struct avr_t *a, avr_cycle_count_t when, void *param) {
  (void)param;
  read_from_tty();
  feed_uart();
  flush_to_tty();
  uint64_t emulated_ns = (uint64_t)((double)a->cycle * 1e9 / FREQUENCY);
  uint64_t behind = monotonic_ns() - start_ns;
  if (behind > emulated_ns) {
    behind -= emulated_ns;
    if (behind > max_lag_ns) max_lag_ns = behind;
    if (behind > MAX_LAG_NS) {
      start_ns += behind;
      slips++;
      slipped_ns += behind;
    }
  }
  for (;;) {
    uint64_t elapsed = monotonic_ns() - start_ns;
    if (elapsed >= emulated_ns) break;
    uint64_t wait = emulated_ns - elapsed;
    struct timespec timeout = {(time_t)(wait / 1000000000u), (long)(wait % 1000000000u)};
    struct pollfd fd = {tty_fd, POLLIN, 0};
    int ready = ppoll(&fd, 1, &timeout, NULL);
    if (ready > 0 && (fd.revents & POLLIN)) {
      read_from_tty();
      feed_uart(); /* delivered at this emulated instant: up to 100 us early, never late */
    } else if (ready > 0) {
      break; /* HUP: no reader on the other end; wait again next period */
    }
  }
  static uint64_t last_flush;
  if (edges && a->cycle - last_flush > FREQUENCY / 50) {
    fflush(edges);
    last_flush = a->cycle;
  }
  return when + PACE_CYCLES;
}

static void no_host_sleep(struct avr_t *a, avr_cycle_count_t how_long) {
  (void)a;
  (void)how_long; /* pace() keeps time */
}

static void on_signal(int signal) {
  (void)signal;
  stopping = 1;
}

static void make_raw(int fd) {
  struct termios attributes;
  if (tcgetattr(fd, &attributes) == 0) {
    cfmakeraw(&attributes);
    tcsetattr(fd, TCSANOW, &attributes);
  }
}

static int open_pty(const char *link_path) {
  int master = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (master < 0 || grantpt(master) || unlockpt(master)) return -1;
  const char *name = ptsname(master);
  /* Holding the slave open ourselves keeps the master from reporting hang-up between clients. */
  int slave = open(name, O_RDWR | O_NOCTTY);
  if (slave < 0) return -1;
  make_raw(slave);
  if (link_path) {
    unlink(link_path);
    if (symlink(name, link_path) != 0) {
      perror(link_path);
      return -1;
    }
  }
  printf("pty %s\n", name);
  return master;
}

int main(int argc, char **argv) {
  const char *hex = NULL, *tty = NULL, *link_path = NULL, *edge_path = NULL;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (strcmp(argv[i], "--hex") == 0) hex = argv[i + 1];
    else if (strcmp(argv[i], "--tty") == 0) tty = argv[i + 1];
    else if (strcmp(argv[i], "--link") == 0) link_path = argv[i + 1];
    else if (strcmp(argv[i], "--edges") == 0) edge_path = argv[i + 1];
    else {
      fprintf(stderr, "simprop: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  if (!hex) {
    fprintf(stderr, "usage: simprop --hex prop.hex [--tty PATH | --link PATH] [--edges FILE]\n");
    return 2;
  }
  avr = avr_make_mcu_by_name("atmega328p");
  if (!avr || avr_init(avr) != 0) {
    fprintf(stderr, "simprop: simavr has no atmega328p\n");
    return 1;
  }
  avr->frequency = FREQUENCY;
  avr->log = LOG_ERROR;
  ihex_chunk_p chunks;
  int count = read_ihex_chunks(hex, &chunks);
  if (count <= 0) {
    fprintf(stderr, "simprop: cannot read %s as Intel hex\n", hex);
    return 1;
  }
  for (int i = 0; i < count; i++)
    if (chunks[i].baseaddr < 0x10000) {
      avr_loadcode(avr, chunks[i].data, chunks[i].size, chunks[i].baseaddr);
      if (chunks[i].baseaddr + chunks[i].size > avr->codeend) avr->codeend = chunks[i].baseaddr + chunks[i].size;
    }
  avr->sleep = no_host_sleep;

  if (tty) {
    tty_fd = open(tty, O_RDWR | O_NOCTTY | O_NONBLOCK);
    if (tty_fd < 0) {
      perror(tty);
      return 1;
    }
    make_raw(tty_fd);
    printf("pty %s\n", tty);
  } else {
    tty_fd = open_pty(link_path);
    if (tty_fd < 0) {
      perror("simprop: pty");
      return 1;
    }
  }

  uint32_t flags = 0;
  avr_ioctl(avr, AVR_IOCTL_UART_GET_FLAGS('0'), &flags);
  flags &= ~(uint32_t)(AVR_UART_FLAG_STDIO | AVR_UART_FLAG_POLL_SLEEP);
  avr_ioctl(avr, AVR_IOCTL_UART_SET_FLAGS('0'), &flags);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUTPUT), on_uart_output, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XON), on_xon, NULL);
  avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_OUT_XOFF), on_xoff, NULL);
  if (edge_path) {
    edges = fopen(edge_path, "w");
    if (!edges) {
      perror(edge_path);
      return 1;
    }
    setvbuf(edges, NULL, _IOFBF, 1 << 20);
    fprintf(edges, "# simprop edges: pin PD7, %u Hz, cycle 0 at CLOCK_MONOTONIC %s\n", FREQUENCY, "see sync lines");
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('D'), 7), on_data_pin, NULL);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_TIMER_GETIRQ('0'), TIMER_IRQ_OUT_PWM0), on_pwm, "r");
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_TIMER_GETIRQ('0'), TIMER_IRQ_OUT_PWM1), on_pwm, "g");
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_TIMER_GETIRQ('2'), TIMER_IRQ_OUT_PWM0), on_pwm, "b");
  }
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  signal(SIGPIPE, SIG_IGN);

  /* A real prop's clock never waits for a busy host. With a real-time priority (root, or
   * CAP_SYS_NICE) the harness keeps time on a loaded machine; it sleeps most of the time, so it takes
   * little from others. Without it the harness still runs, slipping when starved. */
  struct sched_param priority = {.sched_priority = 10};
  if (sched_setscheduler(0, SCHED_FIFO, &priority) != 0 && edges) fprintf(edges, "# no real-time priority\n");
  start_ns = monotonic_ns();
  avr_cycle_timer_register(avr, PACE_CYCLES, pace, NULL);
  printf("ready\n");
  fflush(stdout);
  int state = cpu_Running;
  while (!stopping && state != cpu_Done && state != cpu_Crashed) state = avr_run(avr);
  if (edges) {
    fprintf(edges, "# stats slips %llu slipped_ns %llu max_lag_ns %llu\n", (unsigned long long)slips,
            (unsigned long long)slipped_ns, (unsigned long long)max_lag_ns);
    fflush(edges);
  }
  flush_to_tty();
  if (state == cpu_Crashed || state == cpu_Done) {
    fprintf(stderr, "simprop: firmware stopped (%s) at pc 0x%04x\n", state == cpu_Crashed ? "crashed" : "done", avr->pc);
    _exit(1);
  }
  _exit(0);
}
