import Mustache

// Explicit key lookup for the view models on hot pages: Mustache otherwise reflects on every
// lookup (Mirror), which was the largest single cost of the search page under load.

extension Layout: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "title": title
        case "user": user
        case "csrf": csrf
        case "canSearch": canSearch
        case "canRegister": canRegister
        case "canReviewLog": canReviewLog
        case "isAdmin": isAdmin
        case "navStart": navStart
        case "navSearch": navSearch
        case "navRegister": navRegister
        case "navLog": navLog
        case "navAdmin": navAdmin
        case "canViewTimes": canViewTimes
        case "navTimes": navTimes
        case "canViewCatalogue": canViewCatalogue
        case "navInterventions": navInterventions
        case "canViewFigures": canViewFigures
        case "navFigures": navFigures
        case "canViewTasks": canViewTasks
        case "navTasks": navTasks
        case "canViewReferrals": canViewReferrals
        case "navReferrals": navReferrals
        case "navSessions": navSessions
        case "canViewNeedRules": canViewNeedRules
        case "navNeeds": navNeeds
        default: nil
        }
    }
}

extension Layout.UserBadge: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "displayName": displayName
        case "roleTitle": roleTitle
        case "unitName": unitName
        default: nil
        }
    }
}

extension PersonRowModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": id
        case "firstName": firstName
        case "lastName": lastName
        case "number": number
        case "protectedIdentity": protectedIdentity
        default: nil
        }
    }
}

extension PersonController.SearchPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": layout
        case "q": q
        case "error": error
        case "searched": searched
        case "hits": hits
        case "hasHits": hasHits
        case "hitText": hitText
        default: nil
        }
    }
}

extension PersonController.ShowPage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": layout
        case "registered": registered
        case "fileOpened": fileOpened
        case "committeeName": committeeName
        case "firstName": firstName
        case "lastName": lastName
        case "numberLabel": numberLabel
        case "number": number
        case "birthDate": birthDate
        case "protectedIdentity": protectedIdentity
        case "contact": contact
        case "files": files
        case "personId": personId
        case "canAssess": canAssess
        case "canQueue": canQueue
        case "canCase": canCase
        case "consents": consents
        default: nil
        }
    }
}

extension PersonController.ShowPage.Contact: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "phone": phone
        case "email": email
        case "address": address
        default: nil
        }
    }
}

extension PersonController.ShowPage.FileModel: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "committeeName": committeeName
        case "unitName": unitName
        case "openedAt": openedAt
        default: nil
        }
    }
}

extension HomeController.HomePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": layout
        case "firstName": firstName
        case "roleTitle": roleTitle
        case "unitName": unitName
        case "committeeName": committeeName
        case "canSearch": canSearch
        case "roleNote": roleNote
        case "people": people
        case "hasPeople": hasPeople
        default: nil
        }
    }
}

extension QueueController.QueuePage: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "layout": layout
        case "csrf": csrf
        case "interventionId": interventionId
        case "name": self.name
        case "places": places
        case "waitingTotal": waitingTotal
        case "ownTotal": ownTotal
        case "lines": lines
        case "hasLines": hasLines
        case "notice": notice
        case "error": error
        case "showing": showing
        case "previousPage": previousPage
        case "nextPage": nextPage
        default: nil
        }
    }
}

extension QueueController.QueuePage.Line: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "entryId": entryId
        case "position": position
        case "personHref": personHref
        case "episodeHref": episodeHref
        case "name": self.name
        case "queuedAt": queuedAt
        case "waiting": waiting
        case "priorityReason": priorityReason
        case "status": status
        case "canOffer": canOffer
        case "canAnswer": canAnswer
        case "canStart": canStart
        default: nil
        }
    }
}
