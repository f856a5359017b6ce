import Synchronization

/// A small fixed-size pool of connections with waiters, used for SQLite (one writer, several readers).
/// A lock rather than an actor: taking an idle connection is a few instructions and no hop to another
/// executor, which is most of what a read costs when SQLite answers from its cache.
final class ConnectionPool<Connection: Sendable>: Sendable {
    private struct State {
        var idle: [Connection]
        var waiters: [CheckedContinuation<Connection, Never>] = []
    }
    private let state: Mutex<State>

    init(_ connections: [Connection]) {
        state = Mutex(State(idle: connections))
    }

    func acquire() async -> Connection {
        if let c = state.withLock({ $0.idle.popLast() }) { return c }
        return await withCheckedContinuation { (waiter: CheckedContinuation<Connection, Never>) in
            // Checked again under the lock: a connection released since the first look goes to this waiter.
            let ready: Connection? = state.withLock { s in
                if let c = s.idle.popLast() { return c }
                s.waiters.append(waiter)
                return nil
            }
            if let ready { waiter.resume(returning: ready) }
        }
    }

    func release(_ c: Connection) {
        let waiter: CheckedContinuation<Connection, Never>? = state.withLock { s in
            if s.waiters.isEmpty {
                s.idle.append(c)
                return nil
            }
            return s.waiters.removeFirst()
        }
        waiter?.resume(returning: c)
    }
}
