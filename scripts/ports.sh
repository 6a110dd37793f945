# Shared by the throwaway test servers (pg-test-server.sh, redis-test-server.sh): sourced, not run.

port_in_use() {
  # A successful connect means something listens there.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

random_free_port() {
  local port i
  for i in $(seq 1 50); do
    port=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
    if ! port_in_use "$port"; then echo "$port"; return 0; fi
  done
  return 1
}
