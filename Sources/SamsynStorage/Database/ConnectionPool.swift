/// A small fixed-size pool of connections with waiters, used for SQLite (one writer, several readers).
actor ConnectionPool<Connection: Sendable> {
    private var idle: [Connection]
    private var waiters: [CheckedContinuation<Connection, Never>] = []

    init(_ connections: [Connection]) {
        idle = connections
    }

    func acquire() async -> Connection {
        if let c = idle.popLast() { return c }
        return await withCheckedContinuation { waiters.append($0) }
    }

    func release(_ c: Connection) {
        if waiters.isEmpty {
            idle.append(c)
        } else {
            waiters.removeFirst().resume(returning: c)
        }
    }

    func drain() -> [Connection] {
        defer { idle = [] }
        return idle
    }
}
