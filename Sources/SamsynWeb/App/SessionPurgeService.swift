import Foundation
import Hummingbird
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
