/* simprop: runs the prop firmware (.hex) in simavr as an ATmega328P at 16 MHz, in real time.
 *
 *  - The UART is bridged to a tty: a new pty whose path it prints ("pty /dev/pts/N"), or, with --tty,
 *    an existing one (the device end of a socat pair). Bytes for the firmware wait in our own buffer and
 *    enter the emulated UART only while its 64-byte FIFO has room, so nothing is dropped.
 *  - Real time: a cycle timer every 100 us of emulated time compares the cycle count with the host's
 *    monotonic clock and waits (on an eventfd the tty thread signals, so input wakes it) while the
 *    emulator is ahead. The emulator thread runs at SCHED_FIFO when allowed; the tty and the log file
 *    have their own normal-priority threads. If the host starves it by more than 2 ms anyway it gives
 *    that time up (a "slip") instead of racing, and says so in the log ("# slip <cycle> <ns>", and last
 *    "# stats slips N slipped_ns T max_lag_ns L").
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
#include <pthread.h>
#include <stdarg.h>
#include <sys/eventfd.h>
#include <sched.h>
#include <sys/prctl.h>
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

static uint64_t monotonic_ns(void) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

/* The tty belongs to an I/O thread of normal priority: a tty read can wait for the kernel's (normal
 * priority) buffer worker, which on a loaded host stalled the emulator for up to 160 ms. The emulator
 * thread only touches these rings (under priority-inheriting locks) and two eventfds. */
static uint8_t to_avr[1 << 16];
static size_t to_avr_head, to_avr_tail; /* ring, indices masked on use */
static avr_uart_t *uart0; /* its input FIFO, read directly: see feed_uart */
static uint8_t from_avr[1 << 16];
static size_t from_avr_length;
static pthread_mutex_t io_lock;
static int input_ready = -1;  /* eventfd: the I/O thread queued bytes for the firmware */
static int output_ready = -1; /* eventfd: the firmware sent bytes */
static int output_pending;     /* emulator thread only: bytes sent since the last signal */
static uint64_t bytes_in, bytes_fed, bytes_out; /* totals, for the SIGUSR1 report */

static void signal_event(int fd) {
  uint64_t one = 1;
  if (write(fd, &one, sizeof one) < 0) { /* saturated: it is signalled already */
  }
}

static void clear_event(int fd) {
  uint64_t count;
  if (read(fd, &count, sizeof count) < 0) { /* nothing pending */
  }
}

/* I/O thread: tty → to_avr, from_avr → tty. */
static void *tty_io(void *unused) {
  (void)unused;
  static uint8_t chunk[4096];
  static uint8_t outgoing[sizeof from_avr];
  size_t outgoing_length = 0;
  while (!stopping) {
    struct pollfd fds[2] = {{tty_fd, (short)(POLLIN | (outgoing_length ? POLLOUT : 0)), 0}, {output_ready, POLLIN, 0}};
    if (poll(fds, 2, 20) < 0) continue;
    if (fds[1].revents & POLLIN) clear_event(output_ready);
    pthread_mutex_lock(&io_lock);
    size_t room = sizeof outgoing - outgoing_length;
    size_t take = from_avr_length < room ? from_avr_length : room;
    memcpy(outgoing + outgoing_length, from_avr, take);
    memmove(from_avr, from_avr + take, from_avr_length - take);
    from_avr_length -= take;
    pthread_mutex_unlock(&io_lock);
    outgoing_length += take;
    if (outgoing_length) {
      ssize_t n = write(tty_fd, outgoing, outgoing_length);
      if (n > 0) {
        memmove(outgoing, outgoing + n, outgoing_length - (size_t)n);
        outgoing_length -= (size_t)n;
      }
    }
    if (fds[0].revents & (POLLHUP | POLLERR)) {
      struct timespec pause = {0, 5000000}; /* no reader on the other end yet */
      nanosleep(&pause, NULL);
    }
    if (!(fds[0].revents & POLLIN)) continue;
    ssize_t n = read(tty_fd, chunk, sizeof chunk);
    if (n <= 0) continue;
    pthread_mutex_lock(&io_lock);
    for (ssize_t i = 0; i < n && to_avr_head - to_avr_tail < sizeof to_avr; i++)
      to_avr[to_avr_head++ & (sizeof to_avr - 1)] = chunk[i];
    bytes_in += (uint64_t)n;
    pthread_mutex_unlock(&io_lock);
    signal_event(input_ready);
  }
  return NULL;
}

/* Bytes for the firmware in its UART's FIFO (64 slots, one kept free). */
static unsigned uart_fifo_used(void) {
  return (unsigned)(uart0->input.write - uart0->input.read) & (uart_fifo_fifo_size - 1);
}

/* Emulator thread: bytes waiting for the firmware enter the UART one per byte time (its cycles_per_byte),
 * never more than two at once. simavr lets firmware read two bytes per receive event (the AVR's 2-byte
 * buffer), so a stocked FIFO would be drained at twice the line rate, faster than any real link. Its XON
 * notification is not used: it only comes when the firmware reads the status register. */
static int feeding; /* a feed_one timer is running */

static avr_cycle_count_t feed_one(struct avr_t *a, avr_cycle_count_t when, void *param) {
  (void)param;
  avr_irq_t *input = avr_io_getirq(a, AVR_IOCTL_UART_GETIRQ('0'), UART_IRQ_INPUT);
  pthread_mutex_lock(&io_lock);
  if (to_avr_tail == to_avr_head) {
    feeding = 0;
    pthread_mutex_unlock(&io_lock);
    return 0;
  }
  int room = uart_fifo_used() < 2;
  uint8_t byte = to_avr[to_avr_tail & (sizeof to_avr - 1)];
  if (room) to_avr_tail++;
  pthread_mutex_unlock(&io_lock); /* the IRQ may call back into on_uart_output */
  if (room) {
    avr_raise_irq(input, byte);
    bytes_fed++;
  }
  avr_cycle_count_t byte_time = uart0->cycles_per_byte > 160 ? uart0->cycles_per_byte : 160;
  return when + byte_time;
}

static void feed_uart(void) {
  pthread_mutex_lock(&io_lock);
  int waiting = to_avr_tail != to_avr_head;
  pthread_mutex_unlock(&io_lock);
  if (waiting && !feeding) {
    feeding = 1;
    avr_cycle_timer_register(avr, 1, feed_one, NULL);
  }
}

static void on_uart_output(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  (void)param;
  pthread_mutex_lock(&io_lock);
  if (from_avr_length < sizeof from_avr) from_avr[from_avr_length++] = (uint8_t)value;
  pthread_mutex_unlock(&io_lock);
  output_pending = 1;
  bytes_out++;
}


/* The edge log is written by its own thread: a disk stall (another process flushing gigabytes) must
 * never stop the emulated clock. The emulator appends lines to `log_pending` under the lock; the writer
 * swaps buffers every 10 ms and writes outside it. */
static pthread_mutex_t log_lock; /* priority-inheriting: the writer must not hold up the emulator */
static char *log_pending;
static size_t log_length, log_capacity;
static volatile int log_stop;
static pthread_t log_thread;

static void log_line(const char *format, ...) {
  char line[128];
  va_list args;
  va_start(args, format);
  int n = vsnprintf(line, sizeof line, format, args);
  va_end(args);
  if (n <= 0) return;
  if ((size_t)n >= sizeof line) n = sizeof line - 1;
  pthread_mutex_lock(&log_lock);
  if (log_length + (size_t)n > log_capacity) {
    size_t capacity = log_capacity ? log_capacity * 2 : 1 << 20;
    while (capacity < log_length + (size_t)n) capacity *= 2;
    char *grown = realloc(log_pending, capacity);
    if (grown) {
      log_pending = grown;
      log_capacity = capacity;
    }
  }
  if (log_length + (size_t)n <= log_capacity) {
    memcpy(log_pending + log_length, line, (size_t)n);
    log_length += (size_t)n;
  }
  pthread_mutex_unlock(&log_lock);
}

static void write_pending_log(void) {
  static char *writing;
  static size_t writing_capacity;
  pthread_mutex_lock(&log_lock);
  char *full = log_pending;
  size_t length = log_length, capacity = log_capacity;
  log_pending = writing;
  log_capacity = writing_capacity;
  log_length = 0;
  pthread_mutex_unlock(&log_lock);
  writing = full;
  writing_capacity = capacity;
  if (length) {
    fwrite(full, 1, length, edges);
    fflush(edges);
  }
}

static void *log_writer(void *unused) {
  (void)unused;
  while (!log_stop) {
    struct timespec pause = {0, 10000000};
    nanosleep(&pause, NULL);
    write_pending_log();
  }
  return NULL;
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
    log_line("# sync %llu %llu\n", (unsigned long long)cycle, (unsigned long long)monotonic_ns());
  log_line("%llu %d\n", (unsigned long long)cycle, level);
  last_level = level;
  last_edge_cycle = cycle;
}

static void on_pwm(struct avr_irq_t *irq, uint32_t value, void *param) {
  (void)irq;
  log_line("# pwm %s %llu %u\n", (const char *)param, (unsigned long long)avr->cycle, value);
}

/* Every 100 us of emulated time: move bytes, then wait until the host clock catches up. */
static avr_cycle_count_t pace(struct avr_t *a, avr_cycle_count_t when, void *param) {
  (void)param;
  feed_uart();
  if (output_pending) {
    output_pending = 0;
    signal_event(output_ready);
  }
  uint64_t emulated_ns = (uint64_t)((double)a->cycle * 1e9 / FREQUENCY);
  uint64_t behind = monotonic_ns() - start_ns;
  if (behind > emulated_ns) {
    behind -= emulated_ns;
    if (behind > max_lag_ns) max_lag_ns = behind;
    if (behind > MAX_LAG_NS) {
      if (edges) log_line("# slip %llu %llu\n", (unsigned long long)a->cycle, (unsigned long long)behind);
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
    struct pollfd fd = {input_ready, POLLIN, 0};
    if (ppoll(&fd, 1, &timeout, NULL) > 0) {
      clear_event(input_ready);
      feed_uart(); /* delivered at this emulated instant: up to 100 us early, never late */
    }
  }
  return when + PACE_CYCLES;
}

/* A reset (the watchdog, or the firmware jumping to 0) clears every cycle timer, pace's and feed_one's
 * among them: note it, and the main loop arms them again. */
static void (*core_reset)(struct avr_t *avr);
static volatile int was_reset;

static void on_reset(struct avr_t *a) {
  if (core_reset) core_reset(a);
  was_reset = 1;
}

static void no_host_sleep(struct avr_t *a, avr_cycle_count_t how_long) {
  (void)a;
  (void)how_long; /* pace() keeps time */
}

static void on_signal(int signal) {
  (void)signal;
  stopping = 1;
}

static volatile sig_atomic_t report_requested;
static void on_report_signal(int signal) {
  (void)signal;
  report_requested = 1;
}

/* SIGUSR1: where the firmware is and what waits where, on stderr (for debugging a stuck prop). */
static void report_state(void) {
  report_requested = 0;
  pthread_mutex_lock(&io_lock);
  size_t waiting = to_avr_head - to_avr_tail, unsent = from_avr_length;
  pthread_mutex_unlock(&io_lock);
  fprintf(stderr, "simprop: cycle %llu pc 0x%04x state %d sreg.I %d uart fifo %u, %zu bytes waiting, %zu unsent, lag max %llu ns; bytes in %llu fed %llu out %llu\n",
          (unsigned long long)avr->cycle, avr->pc, avr->state, avr->sreg[S_I], uart_fifo_used(), waiting, unsent,
          (unsigned long long)max_lag_ns, (unsigned long long)bytes_in, (unsigned long long)bytes_fed,
          (unsigned long long)bytes_out);
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
  core_reset = avr->reset;
  avr->reset = on_reset;

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
  for (avr_io_t *io = avr->io_port; io; io = io->next)
    if (strcmp(io->kind, "uart") == 0) uart0 = (avr_uart_t *)io;
  if (!uart0) {
    fprintf(stderr, "simprop: the atmega328p model has no UART\n");
    return 1;
  }
  if (edge_path) {
    edges = fopen(edge_path, "w");
    if (!edges) {
      perror(edge_path);
      return 1;
    }
    log_line("# simprop edges: pin PD7 of an atmega328p at %u Hz\n", FREQUENCY);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_IOPORT_GETIRQ('D'), 7), on_data_pin, NULL);
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_TIMER_GETIRQ('0'), TIMER_IRQ_OUT_PWM0), on_pwm, "r");
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_TIMER_GETIRQ('0'), TIMER_IRQ_OUT_PWM1), on_pwm, "g");
    avr_irq_register_notify(avr_io_getirq(avr, AVR_IOCTL_TIMER_GETIRQ('2'), TIMER_IRQ_OUT_PWM0), on_pwm, "b");
  }
  /* A test runner killed outright must not leave an emulator running: go when the parent goes. */
  prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (getppid() == 1) return 1;
  signal(SIGTERM, on_signal);
  signal(SIGINT, on_signal);
  signal(SIGPIPE, SIG_IGN);
  signal(SIGUSR1, on_report_signal);

  /* A real prop's clock never waits for a busy host. With a real-time priority (root, or
   * CAP_SYS_NICE) the harness keeps time on a loaded machine; it sleeps most of the time, so it takes
   * little from others. Without it the harness still runs, slipping when starved. */
  pthread_mutexattr_t lock_attributes;
  pthread_mutexattr_init(&lock_attributes);
  pthread_mutexattr_setprotocol(&lock_attributes, PTHREAD_PRIO_INHERIT);
  pthread_mutex_init(&log_lock, &lock_attributes);
  pthread_mutex_init(&io_lock, &lock_attributes);
  input_ready = eventfd(0, EFD_NONBLOCK);
  output_ready = eventfd(0, EFD_NONBLOCK);
  pthread_t io_thread;
  /* Both threads start before the real-time priority is taken, so they keep normal priority. */
  pthread_create(&io_thread, NULL, tty_io, NULL);
  if (edges) pthread_create(&log_thread, NULL, log_writer, NULL);
  struct sched_param priority = {.sched_priority = 10};
  if (sched_setscheduler(0, SCHED_FIFO, &priority) != 0 && edges) log_line("# no real-time priority\n");
  start_ns = monotonic_ns();
  avr_cycle_timer_register(avr, PACE_CYCLES, pace, NULL);
  printf("ready\n");
  fflush(stdout);
  int state = cpu_Running;
  while (!stopping && state != cpu_Done && state != cpu_Crashed) {
    state = avr_run(avr);
    if (was_reset) {
      was_reset = 0;
      feeding = 0;
      avr_cycle_timer_register(avr, PACE_CYCLES, pace, NULL);
      if (edges) log_line("# reset %llu\n", (unsigned long long)avr->cycle);
      feed_uart();
    }
    if (report_requested) report_state();
  }
  if (edges) {
    log_line("# stats slips %llu slipped_ns %llu max_lag_ns %llu\n", (unsigned long long)slips,
             (unsigned long long)slipped_ns, (unsigned long long)max_lag_ns);
    log_stop = 1;
    pthread_join(log_thread, NULL);
    write_pending_log();
  }
  signal_event(output_ready);
  struct timespec drain = {0, 30000000}; /* let the I/O thread send what the firmware said last */
  nanosleep(&drain, NULL);
  if (state == cpu_Crashed || state == cpu_Done) {
    fprintf(stderr, "simprop: firmware stopped (%s) at pc 0x%04x\n", state == cpu_Crashed ? "crashed" : "done", avr->pc);
    _exit(1);
  }
  _exit(0);
}
