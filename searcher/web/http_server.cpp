#include "searcher/web/http_server.h"

#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include <httplib.h>

namespace vnsearch::searcher::web {
namespace {

using Clock = std::chrono::steady_clock;

/// A connection left idle this long is closed: with a worker per core, a
/// browser's spare keep-alive connections must not hold the workers.
constexpr time_t kKeepAliveSeconds = 2;
/// Requests are small GETs: reading or writing one takes far less.
constexpr time_t kReadTimeoutSeconds = 5;
constexpr time_t kWriteTimeoutSeconds = 10;
/// The server reads no request body; anything larger is refused.
constexpr size_t kMaxBodyBytes = 16 * 1024;
/// Log lines show at most this much of a target.
constexpr size_t kMaxLoggedTarget = 300;

/// When the request handled on this thread was read (set before routing).
thread_local std::optional<Clock::time_point> request_started;

/// The target as a log line shows it: no control characters, bounded.
std::string loggable(const std::string& target) {
  std::string out;
  for (const char c : target.substr(0, kMaxLoggedTarget)) {
    const auto byte = static_cast<unsigned char>(c);
    out += byte < 0x20 || byte == 0x7F ? '?' : c;
  }
  if (target.size() > kMaxLoggedTarget) out += "…";
  return out;
}

}  // namespace

ListenAddress parse_listen_address(const std::string& text) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size()) {
    throw std::invalid_argument("'" + text + "' is not HOST:PORT");
  }
  ListenAddress address;
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  if (!host.empty()) address.host = host;
  unsigned long port = 0;
  for (const char c : text.substr(colon + 1)) {
    if (c < '0' || c > '9') throw std::invalid_argument("'" + text + "' has a bad port");
    port = port * 10 + static_cast<unsigned>(c - '0');
    if (port > 65535) throw std::invalid_argument("'" + text + "' has a bad port");
  }
  address.port = static_cast<unsigned>(port);
  return address;
}

bool is_loopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int serve_http(WebApp& app, const ServeOptions& options, std::ostream& log) {
  std::mutex log_mutex;
  const auto log_line = [&](const std::string& line) {
    const std::lock_guard<std::mutex> lock(log_mutex);
    log << line << std::endl;
  };

  // The signals go to one thread that waits for them, so that stopping runs
  // as ordinary code, not in a signal handler. Blocked before any thread
  // starts: every thread inherits the mask.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGUSR1);  // from this function: the server has stopped
  sigset_t previous;
  pthread_sigmask(SIG_BLOCK, &signals, &previous);

  httplib::Server server;
  const size_t workers = options.workers;
  server.new_task_queue = [workers] { return new httplib::ThreadPool(workers); };
  server.set_keep_alive_timeout(kKeepAliveSeconds);
  server.set_read_timeout(kReadTimeoutSeconds);
  server.set_write_timeout(kWriteTimeoutSeconds);
  server.set_payload_max_length(kMaxBodyBytes);
  server.set_tcp_nodelay(true);

  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    request_started = Clock::now();
    return httplib::Server::HandlerResponse::Unhandled;
  });
  const auto handler = [&app](const httplib::Request& req, httplib::Response& res) {
    HttpRequest request;
    request.method = req.method;
    const size_t question = req.target.find('?');
    request.path = req.target.substr(0, question);
    if (question != std::string::npos) request.query = req.target.substr(question + 1);
    HttpResponse response = app.handle(request);
    res.status = response.status;
    for (const auto& [name, value] : response.headers) res.set_header(name.c_str(), value);
    if (!response.content_type.empty()) {
      res.set_content(std::move(response.body), response.content_type.c_str());
    }
  };
  server.Get(".*", handler);
  server.Post(".*", handler);
  server.Put(".*", handler);
  server.Patch(".*", handler);
  server.Delete(".*", handler);
  server.Options(".*", handler);
  server.set_logger([&log_line](const httplib::Request& req, const httplib::Response& res) {
    std::string ms = "-";
    if (request_started) {
      char buffer[32];
      std::snprintf(
          buffer, sizeof buffer, "%.1f",
          std::chrono::duration<double, std::milli>(Clock::now() - *request_started).count());
      ms = buffer;
      request_started.reset();
    }
    log_line("vnsearch: " + loggable(req.method) + ' ' + loggable(req.target) + ' ' +
             std::to_string(res.status) + ' ' + ms + " ms");
  });

  int port = static_cast<int>(options.listen.port);
  const bool bound = port == 0 ? (port = server.bind_to_any_port(options.listen.host)) > 0
                               : server.bind_to_port(options.listen.host, port);
  if (!bound) {
    pthread_sigmask(SIG_SETMASK, &previous, nullptr);
    log_line("vnsearch: cannot listen on " + options.listen.host + ":" +
             std::to_string(options.listen.port) + " (in use, or not an address of this machine)");
    return 2;
  }
  const bool ipv6 = options.listen.host.find(':') != std::string::npos;
  const std::string url = "http://" +
                          (ipv6 ? "[" + options.listen.host + "]" : options.listen.host) + ":" +
                          std::to_string(port) + "/";
  log_line("vnsearch: serving on " + url + " with " + std::to_string(workers) +
           " workers; Ctrl-C stops");
  if (!is_loopback(options.listen.host)) {
    log_line("vnsearch: warning: " + options.listen.host +
             " is reachable from other machines, and the page has no authentication");
  }

  std::atomic<bool> stopped{false};
  std::thread signal_waiter([&] {
    int signal_number = 0;
    while (sigwait(&signals, &signal_number) == 0) {
      if (signal_number == SIGUSR1) return;  // stopped for another reason
      log_line(std::string("vnsearch: ") + (signal_number == SIGINT ? "SIGINT" : "SIGTERM") +
               ": stopping");
      // A signal that came before the server ran has nothing to stop yet.
      while (!stopped) {
        server.stop();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
      }
      return;
    }
  });
  server.listen_after_bind();
  stopped = true;
  pthread_kill(signal_waiter.native_handle(), SIGUSR1);
  signal_waiter.join();
  pthread_sigmask(SIG_SETMASK, &previous, nullptr);
  log_line("vnsearch: stopped");
  return 0;
}

}  // namespace vnsearch::searcher::web
