import Foundation
import Hummingbird
import Logging
import SamsynDomain
import SamsynStorage
import ServiceLifecycle

/// Removes ended sessions, expired tokens and old failed-login rows every ten minutes.
/// Stops at once on graceful shutdown.
struct SessionPurgeService: Service {
    let services: AppServices

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    let now = services.clock.now()
                    let p = services.auth.policy
                    try? await services.sessions.purgeExpired(
                        sessionsIdleBefore: now - p.idleTimeout, sessionsCreatedBefore: now - p.absoluteTimeout, tokensExpiredBefore: now)
                    try await Task.sleep(for: .seconds(600))
                }
            }
        } catch is CancellationError {
            return
        }
    }
}

/// The deadline and reminder job: makes the task lists current for everyone at start and then every
/// `taskJobInterval` seconds. Several Samsyn processes may run it on one database; each task is created once.
struct TaskJobService: Service {
    let services: AppServices

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    do {
                        try await services.taskJob.run()
                    } catch where !Task.isCancelled && !(error is CancellationError) {
                        Logger(label: "samsyn.tasks").warning("task job failed; it runs again", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                    }
                    try await Task.sleep(for: .seconds(max(5, services.config.taskJobInterval)))
                }
            }
        } catch is CancellationError {
            return
        }
    }
}
