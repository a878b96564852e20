// Generated from the OpenAPI document by openapi-typescript: do not edit.
// Regenerate with `npm run api:types` (test/openapi-document.e2e.spec.ts fails when this file is stale).
export interface paths {
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Roles: admin.
         */
        get: operations["AuthController_list"];
        put?: never;
        /**
         * Create an API key
         * @description Roles: admin.
         */
        post: operations["AuthController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description Roles: admin.
         */
        delete: operations["AuthController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate an API key
         * @description Roles: admin.
         */
        post: operations["AuthController_rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audiences/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Count the customers an audience filter selects
         * @description Roles: admin, commander, comms.
         */
        post: operations["AudiencesController_count"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the audit trail (or stream it as NDJSON)
         * @description Roles: admin.
         */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Verify the audit hash chain
         * @description Roles: admin.
         */
        get: operations["AuditController_verify"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contact-reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The contact reasons agents pick from
         * @description Active reasons in their order; ?includeArchived=true adds archived ones. "other" (with a free text) is always available and is not listed.
         *
         *     Roles: admin, viewer.
         *
         *     Errors: 401: unauthorized: no or unknown API key; 403: forbidden: the key's role may not do this; 429: rate_limited: too many requests (Retry-After).
         */
        get: operations["ContactReasonsController_list"];
        put?: never;
        /**
         * Add a contact reason
         * @description key: stable identifier for CRMs (lower-case, dashes); label: what agents read. Audited.
         *
         *     Roles: admin, comms.
         *
         *     Errors: 400: validation_failed: the body, query or path is not valid (details name the fields); 401: unauthorized: no or unknown API key; 403: forbidden: the key's role may not do this; 409: conflict: the key is taken; 429: rate_limited: too many requests (Retry-After).
         */
        post: operations["ContactReasonsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/contact-reasons/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete a contact reason (archived instead when contacts use it)
         * @description Audited.
         *
         *     Roles: admin, comms.
         *
         *     Errors: 400: validation_failed: the body, query or path is not valid (details name the fields); 401: unauthorized: no or unknown API key; 403: forbidden: the key's role may not do this; 404: not_found: no such customer, incident or reason; 429: rate_limited: too many requests (Retry-After).
         */
        delete: operations["ContactReasonsController_remove"];
        options?: never;
        head?: never;
        /**
         * Rename, reorder, archive or restore a contact reason
         * @description Past contacts show the current label. Audited with the before and after.
         *
         *     Roles: admin, comms.
         *
         *     Errors: 400: validation_failed: the body, query or path is not valid (details name the fields); 401: unauthorized: no or unknown API key; 403: forbidden: the key's role may not do this; 404: not_found: no such customer, incident or reason; 429: rate_limited: too many requests (Retry-After).
         */
        patch: operations["ContactReasonsController_update"];
        trace?: never;
    };
    "/api/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List customers
         * @description Roles: admin, comms, agent.
         */
        get: operations["CustomersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a customer
         * @description Roles: admin, comms, agent.
         */
        get: operations["CustomersController_get"];
        /**
         * Create or update a customer
         * @description Roles: admin, comms.
         */
        put: operations["CustomersController_upsert"];
        post?: never;
        /**
         * Erase a customer's personal data
         * @description Roles: admin, comms.
         */
        delete: operations["CustomersController_erase"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{externalId}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log a contact with a customer
         * @description Channel, reason (a key from /contact-reasons or "other" with reasonText), a short note, resolved or not, the incidents it relates to (default: the open incidents touching the customer). The caller is recorded as who logged it; audited (without the note).
         *
         *     Roles: admin, agent, comms.
         *
         *     Errors: 400: validation_failed: the body, query or path is not valid (details name the fields); 401: unauthorized: no or unknown API key; 403: forbidden: the key's role may not do this; 404: not_found: no such customer, incident or reason; 429: rate_limited: too many requests (Retry-After).
         */
        post: operations["ContactsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/{externalId}/context": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a customer's incidents, notices and agent script
         * @description Roles: admin, agent, comms.
         */
        get: operations["CustomersController_getContext"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upsert up to 5,000 customers
         * @description Roles: admin, comms.
         */
        post: operations["CustomersController_bulk"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/customers/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import customers from a CSV or NDJSON file
         * @description Roles: admin, comms.
         */
        post: operations["ImportsController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/email": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receive email provider events */
        post: operations["EmailEventsController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/events/sms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Receive SMS status callbacks */
        post: operations["SmsEventsController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sync marketing holds (NDJSON)
         * @description Roles: admin, marketing, viewer.
         */
        get: operations["HoldsController_sync"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/holds/{externalId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a customer's marketing hold
         * @description Roles: admin, marketing, viewer.
         */
        get: operations["HoldsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an import's progress and errors
         * @description Roles: admin, comms.
         */
        get: operations["ImportsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Declare an incident
         * @description Roles: admin, commander.
         */
        post: operations["IncidentsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an incident
         * @description Roles: admin, viewer.
         */
        get: operations["IncidentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/affected": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add affected customers
         * @description Roles: admin, commander.
         */
        post: operations["AddAffectedController_add"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/affected/upload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add affected customers from a file
         * @description Roles: admin, commander.
         */
        post: operations["AddAffectedController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The incident's answers, newest first, drafts included
         * @description Roles: admin, viewer.
         */
        get: operations["IncidentAnswersController_list"];
        put?: never;
        /**
         * Drafts an answer (version 1); nothing shows until it is published
         * @description Roles: admin, commander, comms.
         *
         *     Errors: 409: the incident is closed or cancelled.
         */
        post: operations["IncidentAnswersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/answers/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the incident's answers: its newest and its published version
         * @description Roles: admin, viewer.
         */
        get: operations["IncidentAnswersController_get"];
        /**
         * Edits an answer: a new version; the published one stays shown until this one is published
         * @description Roles: admin, commander, comms.
         */
        put: operations["IncidentAnswersController_edit"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/answers/{ref}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Where the newest version of an answer will appear once published, and how each surface shows it
         * @description Roles: admin, commander, comms.
         */
        post: operations["IncidentAnswersController_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/answers/{ref}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publishes the newest version of an answer (or the version named, if it is still the newest) under the incident's approval rule
         * @description Roles: admin, commander, comms.
         *
         *     Errors: 403: the approval rule names another role, or four eyes and you wrote this version; 409: not the newest version, already published, or the incident is closed.
         */
        post: operations["IncidentAnswersController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/answers/{ref}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every version of an answer, who wrote it, who published it and when
         * @description Roles: admin, viewer.
         */
        get: operations["IncidentAnswersController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/answers/{ref}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Takes an answer off every surface (its versions are kept)
         * @description Roles: admin, commander, comms.
         */
        post: operations["IncidentAnswersController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an incident
         * @description Roles: admin, commander.
         */
        post: operations["IncidentLifecycleController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/clocks/{clockId}/submissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record a regulatory filing
         * @description Roles: admin, commander.
         */
        post: operations["ClocksController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close an incident
         * @description Roles: admin, commander.
         */
        post: operations["IncidentLifecycleController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark an incident confirmed
         * @description Roles: admin, commander.
         */
        post: operations["ScheduleController_confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An incident's contacts, newest first
         * @description Cursor-paginated (?cursor=&limit=), filtered by channel, reason (a key or "other"), resolved, and time (from inclusive, to exclusive). Notes are personal data: agent, comms and commander keys only.
         *
         *     Roles: admin, commander, comms, agent.
         *
         *     Errors: 400: validation_failed: the body, query or path is not valid (details name the fields); 401: unauthorized: no or unknown API key; 403: forbidden: the key's role may not do this; 404: not_found: no such customer, incident or reason; 429: rate_limited: too many requests (Retry-After).
         */
        get: operations["ContactsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/contacts/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An incident's contacts as figures
         * @description Contacts over time (hour or day buckets, UTC, zeros included), per channel, the top reasons, and the effort: contacts per reached customer ("reached" as in the reach report). No personal data.
         *
         *     Roles: admin, viewer.
         *
         *     Errors: 400: validation_failed: the body, query or path is not valid (details name the fields); 401: unauthorized: no or unknown API key; 403: forbidden: the key's role may not do this; 404: not_found: no such customer, incident or reason; 429: rate_limited: too many requests (Retry-After).
         */
        get: operations["ContactsController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/determination": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the NYDFS determination
         * @description Roles: admin, commander.
         */
        post: operations["ClocksController_determination"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/extortion-payment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record an extortion payment
         * @description Roles: admin, commander.
         */
        post: operations["ClocksController_extortionPayment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/facts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace an incident's facts
         * @description Roles: admin, commander.
         */
        put: operations["ScheduleController_facts"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an incident's feedback report
         * @description Roles: admin, viewer.
         */
        get: operations["FeedbackController_report"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/materiality": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the materiality determination
         * @description Roles: admin, commander.
         */
        post: operations["ScheduleController_materiality"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause an incident's sending
         * @description Roles: admin, commander.
         */
        post: operations["IncidentLifecycleController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/publishing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The incident's approval rule for updates and answers, and its status page
         * @description Roles: admin, viewer.
         */
        get: operations["IncidentPublishingController_get"];
        /**
         * Sets the approval rule and turns the public status page /status/{slug} on or off (noindex unless indexable)
         * @description Roles: admin, commander.
         *
         *     Errors: 409: the slug is taken by another incident.
         */
        put: operations["IncidentPublishingController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/reach": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an incident's reach
         * @description Roles: admin, viewer.
         */
        get: operations["IncidentsController_reach"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/reach/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Follow an incident's reach (server-sent events)
         * @description Roles: admin, viewer.
         */
        get: operations["ReachController_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an incident's evidence report (JSON or PDF)
         * @description Roles: admin, viewer.
         */
        get: operations["EvidenceReportController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve an incident
         * @description Roles: admin, commander.
         */
        post: operations["IncidentLifecycleController_resolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume an incident's sending
         * @description Roles: admin, commander.
         */
        post: operations["IncidentLifecycleController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/scorecard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The scorecard of one incident
         * @description Response rate, CSAT (% of 4-5), CES average, NPS, acknowledgement rate, time to reach p50/p90 and claims; with `by=channel|locale|attributes.<key>` (or `attribute=<key>`) also per group.
         *
         *     Roles: admin, viewer.
         *
         *     Errors: 400: a parameter is not valid (code validation_failed, with the parameter named); 401: no or unknown API key; 403: the key has not the role; 404: no such incident.
         */
        get: operations["ScorecardController_incident"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/steps/{stepId}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a step
         * @description Roles: admin, viewer.
         */
        post: operations["ScheduleController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/submissions/{submissionId}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a filing's file
         * @description Roles: admin, viewer.
         */
        get: operations["ClocksController_file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/timeline": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an incident's timeline
         * @description Roles: admin, viewer.
         */
        get: operations["IncidentLifecycleController_timeline"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/unreached.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download the unreached customers as CSV
         * @description Roles: admin, commander, comms, agent.
         */
        get: operations["ReachController_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/updates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The incident's updates, newest first, drafts included
         * @description Roles: admin, viewer.
         */
        get: operations["IncidentUpdatesController_list"];
        put?: never;
        /**
         * Drafts an update (version 1); nothing shows until it is published
         * @description Roles: admin, commander, comms.
         *
         *     Errors: 409: the incident is closed or cancelled.
         */
        post: operations["IncidentUpdatesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/updates/{ref}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One of the incident's updates: its newest and its published version
         * @description Roles: admin, viewer.
         */
        get: operations["IncidentUpdatesController_get"];
        /**
         * Edits an update: a new version; the published one stays shown until this one is published
         * @description Roles: admin, commander, comms.
         */
        put: operations["IncidentUpdatesController_edit"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/updates/{ref}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Where the newest version of an update will appear once published, and how each surface shows it
         * @description Roles: admin, commander, comms.
         */
        post: operations["IncidentUpdatesController_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/updates/{ref}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publishes the newest version of an update (or the version named, if it is still the newest) under the incident's approval rule
         * @description Roles: admin, commander, comms.
         *
         *     Errors: 403: the approval rule names another role, or four eyes and you wrote this version; 409: not the newest version, already published, or the incident is closed.
         */
        post: operations["IncidentUpdatesController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/updates/{ref}/send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sends the published version of an update to the affected customers (template incident-update), once per customer and version
         * @description Roles: admin, commander, comms.
         *
         *     Errors: 409: the update is not published, or the incident is paused, cancelled or closed; 422: no incident-update template for the channel, or facts it needs are missing.
         */
        post: operations["IncidentPublishingController_sendUpdate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/updates/{ref}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Every version of an update, who wrote it, who published it and when
         * @description Roles: admin, viewer.
         */
        get: operations["IncidentUpdatesController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/incidents/{id}/updates/{ref}/withdraw": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Takes an update off every surface (its versions are kept)
         * @description Roles: admin, commander, comms.
         */
        post: operations["IncidentUpdatesController_withdraw"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List offers with their pool status and low-pool warnings (never the codes)
         * @description Roles: admin, viewer.
         */
        get: operations["OffersController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/offers/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One offer with its pool status: total, assigned, free, and a warning when it runs low
         * @description Roles: admin, viewer.
         *
         *     Errors: 404: not_found.
         */
        get: operations["OffersController_get"];
        /**
         * Create or update a remedy offer (title, terms, url, expiry; one shared code, or a pool uploaded separately)
         * @description Roles: admin, comms.
         *
         *     Errors: 400: validation_failed; 409: conflict: a pool offer cannot become a shared-code one.
         */
        put: operations["OffersController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/offers/{key}/assignments.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export who has which code (externalId, email, incident, code, assigned, claimed) as formula-safe CSV; audited
         * @description Roles: admin, comms.
         *
         *     Errors: 404: not_found.
         */
        get: operations["OffersController_assignments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/offers/{key}/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload codes to the offer's pool: text/csv (first column, optional `code` header) or text/plain (one per line); duplicates are skipped
         * @description Roles: admin, comms.
         *
         *     Errors: 404: not_found; 409: conflict: the offer has a shared code; 415: unsupported_media_type; 422: import_invalid: no row is a code.
         */
        post: operations["OffersController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/organisation-profile": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the organisation profile
         * @description Roles: admin, viewer.
         */
        get: operations["ClocksController_profile"];
        /**
         * Save the organisation profile
         * @description Roles: admin.
         */
        put: operations["ClocksController_saveProfile"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runbooks/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a runbook
         * @description Roles: admin, viewer.
         */
        get: operations["RunbooksController_get"];
        /**
         * Save a runbook draft
         * @description Roles: admin, comms, commander.
         */
        put: operations["RunbooksController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runbooks/{key}/publish": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish a runbook draft
         * @description Roles: admin, comms, commander.
         */
        post: operations["RunbooksController_publish"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runbooks/library": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the shipped runbook library
         * @description Roles: admin, viewer.
         */
        get: operations["RunbooksController_library"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/runbooks/library/{name}/copy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Copy a library runbook
         * @description Roles: admin, comms, commander.
         */
        post: operations["RunbooksController_copy"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scorecard": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The scorecard across the incidents declared in [from, to)
         * @description The same figures over every incident declared in the range (at most 366 days), a trend with one point per incident, and the optional breakdown.
         *
         *     Roles: admin, viewer.
         *
         *     Errors: 400: a parameter is not valid (code validation_failed, with the parameter named); 401: no or unknown API key; 403: the key has not the role.
         */
        get: operations["ScorecardController_range"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scorecard/comments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Feedback comments, filtered
         * @description Answers with a comment or an NPS "why", newest first, filtered by incident, declaration range, locale, channel and a score range (`score=csat|ces|nps&min=&max=`); cursor-paginated. Customers are not named.
         *
         *     Roles: admin, viewer.
         *
         *     Errors: 400: a parameter is not valid (code validation_failed, with the parameter named); 401: no or unknown API key; 403: the key has not the role; 404: the incident filter names no incident.
         */
        get: operations["ScorecardController_comments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/scorecard/comments.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Feedback comments as CSV (personal data: audited)
         * @description The same filters as GET /scorecard/comments, every page. Cells that a spreadsheet would run as a formula are neutralised. Each export is recorded in the audit trail with its filters.
         *
         *     Roles: admin, commander, comms, agent.
         *
         *     Errors: 400: a parameter is not valid (code validation_failed, with the parameter named); 401: no or unknown API key; 403: the key has not the role; 404: the incident filter names no incident.
         */
        get: operations["ScorecardController_csv"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List suppressions
         * @description Roles: admin, comms, agent.
         */
        get: operations["SuppressionsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/suppressions/lift": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lift a suppression
         * @description Roles: admin, comms.
         */
        post: operations["SuppressionsController_lift"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List templates
         * @description Roles: admin, comms.
         */
        get: operations["TemplatesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{key}/{channel}/{locale}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a template's versions
         * @description Roles: admin, comms, agent.
         */
        get: operations["TemplatesController_history"];
        /**
         * Save a new template version
         * @description Roles: admin, comms.
         */
        put: operations["TemplatesController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{key}/{channel}/{locale}/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Diff two template versions
         * @description Roles: admin, comms.
         */
        get: operations["TemplatesController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{key}/{channel}/{locale}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one template version
         * @description Roles: admin, comms, agent.
         */
        get: operations["TemplatesController_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/{key}/test-send": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test email of a template
         * @description Roles: admin, comms.
         */
        post: operations["TemplatesController_testSend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/templates/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Preview a template
         * @description Roles: admin, comms.
         */
        post: operations["TemplatesController_preview"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a console user
         * @description Roles: admin.
         */
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description Roles: admin, comms.
         */
        get: operations["WebhookEndpointsController_list"];
        put?: never;
        /**
         * Create a webhook endpoint
         * @description Roles: admin, comms.
         */
        post: operations["WebhookEndpointsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{key}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description Roles: admin, comms.
         */
        get: operations["WebhookEndpointsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description Roles: admin, comms.
         */
        delete: operations["WebhookEndpointsController_delete"];
        options?: never;
        head?: never;
        /**
         * Update a webhook endpoint
         * @description Roles: admin, comms.
         */
        patch: operations["WebhookEndpointsController_update"];
        trace?: never;
    };
    "/api/v1/webhook-endpoints/{key}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Rotate a webhook endpoint's secret
         * @description Roles: admin, comms.
         */
        post: operations["WebhookEndpointsController_rotate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Check the API's health */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @default {} */
        ActionBodyDto: {
            reason?: string;
        };
        AddAffectedDto: {
            externalIds?: string[];
            filter?: components["schemas"]["AddAffectedDto_schema0"];
        };
        AddAffectedDto__schema0: {
            and: components["schemas"]["AddAffectedDto__schema0"][];
        } | {
            or: components["schemas"]["AddAffectedDto__schema0"][];
        } | {
            not: components["schemas"]["AddAffectedDto__schema0"];
        } | {
            eq?: string | number | boolean;
            exists?: boolean;
            field: string;
            gt?: number | string;
            in?: (string | number | boolean)[];
            lt?: number | string;
        };
        AddAffectedDto_schema0: {
            and: components["schemas"]["AddAffectedDto_schema0"][];
        } | {
            or: components["schemas"]["AddAffectedDto_schema0"][];
        } | {
            not: components["schemas"]["AddAffectedDto_schema0"];
        } | {
            eq?: string | number | boolean;
            exists?: boolean;
            field: string;
            gt?: number | string;
            in?: (string | number | boolean)[];
            lt?: number | string;
        };
        AffectedAdded: {
            added: number;
            /** Format: uuid */
            incidentId: string;
            stepsCatchingUp: string[];
        };
        AffectedFile: {
            added: number;
            alreadyAffected: number;
            errors: {
                /** @enum {string} */
                field: "externalId";
                message: string;
                row: number;
            }[];
            /** Format: uuid */
            incidentId: string;
            rejected: number;
            rowsRead: number;
            stepsCatchingUp: string[];
        };
        AnswerBodyDto: {
            content: {
                [key: string]: {
                    answer: string;
                    question: string;
                };
            };
        };
        ApiKey: {
            /** @description the key that TOCSIN_ADMIN_KEY sets */
            bootstrap: boolean;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            /** @description the first characters of the secret, to recognise it */
            prefix: string;
            /** Format: date-time */
            revokedAt: string | null;
            revokedReason: string | null;
            /** @enum {string} */
            role: "admin" | "commander" | "comms" | "agent" | "viewer" | "marketing";
            /** Format: uuid */
            rotatedFromId: string | null;
            /** @enum {string} */
            state: "active" | "expired" | "revoked";
        };
        ApiKeyPage: {
            items: {
                /** @description the key that TOCSIN_ADMIN_KEY sets */
                bootstrap: boolean;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                expiresAt: string | null;
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                lastUsedAt: string | null;
                name: string;
                /** @description the first characters of the secret, to recognise it */
                prefix: string;
                /** Format: date-time */
                revokedAt: string | null;
                revokedReason: string | null;
                /** @enum {string} */
                role: "admin" | "commander" | "comms" | "agent" | "viewer" | "marketing";
                /** Format: uuid */
                rotatedFromId: string | null;
                /** @enum {string} */
                state: "active" | "expired" | "revoked";
            }[];
            nextCursor: string | null;
        };
        ApprovedStep: {
            approvedBy: string;
            /** Format: date-time */
            dueAt: string | null;
            state: string;
            step: string;
        };
        AudienceCount: {
            count: number;
        };
        AuditEntry: {
            action: string;
            actor: {
                id: string | null;
                name: string | null;
            };
            /** Format: date-time */
            at: string;
            data: unknown;
            entity: {
                id: string;
                type: string;
            };
            hash: string | null;
            /** @description a decimal sequence number */
            id: string;
            /** Format: uuid */
            incidentId: string | null;
            origin: string | null;
        };
        AuditPage: {
            items: {
                action: string;
                actor: {
                    id: string | null;
                    name: string | null;
                };
                /** Format: date-time */
                at: string;
                data: unknown;
                entity: {
                    id: string;
                    type: string;
                };
                hash: string | null;
                /** @description a decimal sequence number */
                id: string;
                /** Format: uuid */
                incidentId: string | null;
                origin: string | null;
            }[];
            nextCursor: string | null;
        };
        AuditVerification: {
            broken?: {
                id: string;
                message: string;
                /** @enum {string} */
                problem: "edited" | "unlinked" | "unchained";
            };
            head: {
                lastHash: string;
                lastId: string | null;
            };
            ok: boolean;
            rows: number;
        };
        BulkUpsertCustomersDto: {
            customers: {
                attributes?: {
                    [key: string]: unknown;
                };
                email?: string | null;
                externalId: string;
                locale?: string;
                name?: string | null;
                phone?: string | null;
                tags?: string[];
                timezone?: string;
            }[];
        };
        ContactPageDto: {
            items: {
                /** @description ISO time of the contact */
                at: string;
                /** @enum {string} */
                channel: "phone" | "chat" | "email" | "social" | "in_person" | "notice_page";
                customer: {
                    externalId: string;
                };
                /** Format: uuid */
                id: string;
                incidentIds: string[];
                /** @description the API key or console user; null id for the notice page (the customer) */
                loggedBy: {
                    id: string | null;
                    name: string | null;
                };
                note: string | null;
                /** @description 'other' with reasonText as label when no list entry fits */
                reason: {
                    key: string;
                    label: string;
                };
                resolved: boolean;
            }[];
            nextCursor: string | null;
        };
        ContactSummaryDto: {
            /** @enum {string} */
            bucket: "hour" | "day";
            byChannel: {
                [key: string]: number;
            };
            effort: {
                contacts: number;
                /** @description contacts / reached, 2 decimals; null while nobody is reached */
                contactsPerReachedCustomer: number | null;
                customersWhoContacted: number;
                /** @description customers reached, from the reach report (src/common/reach-definition.ts) */
                reached: number;
            };
            /** Format: uuid */
            incidentId: string;
            /** @description every bucket from the declaration (or first contact) to now, zeros included */
            overTime: {
                contacts: number;
                start: string;
            }[];
            /** @description most frequent first, at most 10; share of all contacts of the incident */
            topReasons: {
                contacts: number;
                key: string;
                label: string;
                share: number;
            }[];
            total: number;
        };
        ContactViewDto: {
            /** @description ISO time of the contact */
            at: string;
            /** @enum {string} */
            channel: "phone" | "chat" | "email" | "social" | "in_person" | "notice_page";
            customer: {
                externalId: string;
            };
            /** Format: uuid */
            id: string;
            incidentIds: string[];
            /** @description the API key or console user; null id for the notice page (the customer) */
            loggedBy: {
                id: string | null;
                name: string | null;
            };
            note: string | null;
            /** @description 'other' with reasonText as label when no list entry fits */
            reason: {
                key: string;
                label: string;
            };
            resolved: boolean;
        };
        CopyDto: {
            key: string;
        };
        CountAudienceDto: {
            filter: components["schemas"]["CountAudienceDto_schema0"];
        };
        CountAudienceDto__schema0: {
            and: components["schemas"]["CountAudienceDto__schema0"][];
        } | {
            or: components["schemas"]["CountAudienceDto__schema0"][];
        } | {
            not: components["schemas"]["CountAudienceDto__schema0"];
        } | {
            eq?: string | number | boolean;
            exists?: boolean;
            field: string;
            gt?: number | string;
            in?: (string | number | boolean)[];
            lt?: number | string;
        };
        CountAudienceDto_schema0: {
            and: components["schemas"]["CountAudienceDto_schema0"][];
        } | {
            or: components["schemas"]["CountAudienceDto_schema0"][];
        } | {
            not: components["schemas"]["CountAudienceDto_schema0"];
        } | {
            eq?: string | number | boolean;
            exists?: boolean;
            field: string;
            gt?: number | string;
            in?: (string | number | boolean)[];
            lt?: number | string;
        };
        CreateApiKeyDto: {
            /** Format: date-time */
            expiresAt?: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "commander" | "comms" | "agent" | "viewer" | "marketing";
        };
        CreatedApiKey: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            /** @enum {string} */
            role: "admin" | "commander" | "comms" | "agent" | "viewer" | "marketing";
            /** @description the key itself: shown in this answer only */
            secret: string;
        };
        CreatedUser: {
            /** @description generated when none was given: in this answer only */
            password?: string;
            user: {
                /** Format: date-time */
                createdAt: string;
                disabled: boolean;
                email: string;
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                lastLoginAt: string | null;
                name: string;
                /** @enum {string} */
                role: "admin" | "commander" | "comms" | "agent" | "viewer" | "marketing";
            };
        };
        CreateReasonDto: {
            key: string;
            label: string;
            position?: number;
        };
        CreateUserDto: {
            /** Format: email */
            email: string;
            name: string;
            password?: string;
            /** @enum {string} */
            role: "admin" | "commander" | "comms" | "agent" | "viewer";
        };
        CreateWebhookEndpointDto: {
            key: string;
            name: string;
            url: string;
        };
        Customer: {
            attributes: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            createdAt: string;
            email: string | null;
            externalId: string;
            locale: string;
            name: string | null;
            /** @description E.164 */
            phone: string | null;
            tags: string[];
            timezone: string;
            /** Format: date-time */
            updatedAt: string;
        };
        CustomerContext: {
            customer: {
                attributes: {
                    [key: string]: unknown;
                };
                /** Format: date-time */
                createdAt: string;
                email: string | null;
                externalId: string;
                locale: string;
                name: string | null;
                /** @description E.164 */
                phone: string | null;
                tags: string[];
                timezone: string;
                /** Format: date-time */
                updatedAt: string;
            };
            incidents: {
                acknowledged: boolean;
                /** Format: date-time */
                acknowledgedAt: string | null;
                /** Format: date-time */
                declaredAt: string;
                /** Format: uuid */
                id: string;
                notices: {
                    channel: string | null;
                    /** Format: date-time */
                    createdAt: string | null;
                    /** Format: date-time */
                    deliveredAt: string | null;
                    /** @description the provider's own words */
                    error: string | null;
                    /** Format: date-time */
                    failedAt: string | null;
                    /** @description in plain words, for the caller */
                    problem: string | null;
                    /** Format: date-time */
                    sentAt: string | null;
                    state: string | null;
                    step: string | null;
                    to: string | null;
                }[];
                opened: boolean;
                /** Format: date-time */
                openedAt: string | null;
                reached: boolean;
                reachedBy: string[];
                severity: string;
                state: string;
                title: string;
            }[];
            /** @description remedy offers assigned to the customer */
            offers: {
                /** Format: date-time */
                assignedAt: string;
                claimed: boolean;
                /** Format: date-time */
                claimedAt: string | null;
                /** @description the last characters of the code, to confirm it with the customer */
                codeEnding: string | null;
                /** Format: date-time */
                expiresAt: string | null;
                /** Format: uuid */
                incidentId: string;
                offer: string;
                title: string;
            }[];
            /** @description the customer's latest contacts, newest first */
            recentContacts: {
                /** @description ISO time of the contact */
                at: string;
                /** @enum {string} */
                channel: "phone" | "chat" | "email" | "social" | "in_person" | "notice_page";
                customer: {
                    externalId: string;
                };
                /** Format: uuid */
                id: string;
                incidentIds: string[];
                /** @description the API key or console user; null id for the notice page (the customer) */
                loggedBy: {
                    id: string | null;
                    name: string | null;
                };
                note: string | null;
                /** @description 'other' with reasonText as label when no list entry fits */
                reason: {
                    key: string;
                    label: string;
                };
                resolved: boolean;
            }[];
            /** @description what the agent says, for the current incident; null when none touches this customer */
            script: {
                answers?: {
                    answer: string;
                    locale: string;
                    number: number;
                    paragraphs: string[];
                    question: string;
                }[];
                facts: {
                    [key: string]: unknown;
                };
                /** Format: uuid */
                incidentId: string;
                say: string[];
                state: string;
                title: string;
                updates?: {
                    edited: string | null;
                    /** Format: date-time */
                    editedIso: string | null;
                    /** Format: date-time */
                    iso: string;
                    locale: string;
                    number: number;
                    paragraphs: string[];
                    text: string;
                    time: string;
                }[];
            } | null;
            suppressed: {
                address: string;
                channel: string;
                problem: string | null;
                reason: string | null;
                /** Format: date-time */
                since: string;
            }[];
        };
        CustomerErased: {
            /** @enum {boolean} */
            erased: true;
            notificationsAnonymised: number;
        };
        CustomerPage: {
            items: {
                attributes: {
                    [key: string]: unknown;
                };
                /** Format: date-time */
                createdAt: string;
                email: string | null;
                externalId: string;
                locale: string;
                name: string | null;
                /** @description E.164 */
                phone: string | null;
                tags: string[];
                timezone: string;
                /** Format: date-time */
                updatedAt: string;
            }[];
            nextCursor: string | null;
        };
        DeclareIncidentDto: {
            affected: {
                externalIds: string[];
            } | {
                filter: components["schemas"]["DeclareIncidentDto_schema0"];
            };
            /** Format: date-time */
            awareAt: string;
            /** Format: date-time */
            determinedAt?: string;
            /** @default {} */
            facts: {
                [key: string]: string | number | boolean;
            };
            /** @default [] */
            jurisdictions: string[];
            /** Format: date-time */
            materialityAt?: string;
            offer?: string;
            runbook: string;
            /** @enum {string} */
            severity: "low" | "medium" | "high" | "critical";
            title: string;
            /** @default data_breach */
            type: string;
        };
        DeclareIncidentDto__schema0: {
            and: components["schemas"]["DeclareIncidentDto__schema0"][];
        } | {
            or: components["schemas"]["DeclareIncidentDto__schema0"][];
        } | {
            not: components["schemas"]["DeclareIncidentDto__schema0"];
        } | {
            eq?: string | number | boolean;
            exists?: boolean;
            field: string;
            gt?: number | string;
            in?: (string | number | boolean)[];
            lt?: number | string;
        };
        DeclareIncidentDto_schema0: {
            and: components["schemas"]["DeclareIncidentDto_schema0"][];
        } | {
            or: components["schemas"]["DeclareIncidentDto_schema0"][];
        } | {
            not: components["schemas"]["DeclareIncidentDto_schema0"];
        } | {
            eq?: string | number | boolean;
            exists?: boolean;
            field: string;
            gt?: number | string;
            in?: (string | number | boolean)[];
            lt?: number | string;
        };
        EmailEvents: {
            /** Format: date-time */
            at?: string;
            messageId?: string;
            /** Format: uuid */
            notificationId?: string;
            reason?: string;
            status?: string;
            /** @enum {string} */
            type: "delivered" | "bounced" | "failed" | "complained";
        } | {
            /** Format: date-time */
            at?: string;
            messageId?: string;
            /** Format: uuid */
            notificationId?: string;
            reason?: string;
            status?: string;
            /** @enum {string} */
            type: "delivered" | "bounced" | "failed" | "complained";
        }[];
        /** @description An error: `{ error: { code, message, details? } }` */
        Error: {
            error: {
                /**
                 * @description stable machine-readable code; the status follows from it
                 * @enum {string}
                 */
                code: "validation_failed" | "malformed_body" | "payload_too_large" | "unauthorized" | "forbidden" | "not_found" | "conflict" | "rate_limited" | "idempotency_key_reused" | "template_invalid" | "template_render_failed" | "missing_facts" | "delivery_failed" | "runbook_invalid" | "runbook_not_published" | "unknown_customers" | "import_invalid" | "filter_invalid" | "unsupported_media_type" | "service_unavailable" | "queue_unavailable" | "database_busy" | "events_disabled" | "webhook_url_refused" | "offer_pool_exhausted" | "internal_error";
                /** @description per code: validation issues, the first broken audit link, what is down, retryAfterSeconds… */
                details?: unknown;
                /** @description for people; may change between versions */
                message: string;
            };
        };
        EvidenceReport: {
            approvals: {
                current: {
                    /** Format: date-time */
                    approvedAt: string | null;
                    approvedBy: string | null;
                    approvedSnapshot: unknown;
                    step: string;
                }[];
                history: {
                    /** Format: date-time */
                    approvedAt: string;
                    approvedBy: string | null;
                    data: unknown;
                    step: string | null;
                }[];
            };
            clocks: {
                article: string;
                audience: string;
                deliveries: {
                    audience: string;
                    /** Format: date-time */
                    completedAt: string | null;
                    recipients: {
                        [key: string]: unknown;
                    }[];
                    state: string;
                    step: string;
                }[];
                /**
                 * Format: date-time
                 * @description null: no fixed deadline, or the clock has not started
                 */
                dueAt: string | null;
                elapsedHours: number;
                evidence: ({
                    /** @enum {string} */
                    kind: "delivery";
                    recipients: {
                        channel: string;
                        /** Format: date-time */
                        reachedAt: string | null;
                        recipient: string;
                        response: string | null;
                        state: string;
                    }[];
                    step: string;
                } | null) | ({
                    fileName: string | null;
                    /** Format: uuid */
                    id: string;
                    /** @enum {string} */
                    kind: "submission";
                    reference: string;
                    /** Format: date-time */
                    submittedAt: string;
                    submittedBy: string;
                } | null) | ({
                    /** @enum {string} */
                    kind: "step_completed";
                    step: string;
                } | null);
                failedRecipients?: {
                    recipient: string;
                    response: string | null;
                    state: string;
                    step: string;
                }[];
                hoursLeft: number | null;
                id: string;
                /** Format: date-time */
                metAt: string | null;
                metBy: string | null;
                note?: string;
                regulation: string;
                /** @enum {string} */
                status: "running" | "met" | "missed" | "waiting" | "flag";
                submissions: {
                    clockId: string;
                    /** Format: date-time */
                    createdAt: string;
                    fileContentType: string | null;
                    fileName: string | null;
                    fileSha256: string | null;
                    /** Format: uuid */
                    id: string;
                    /** Format: uuid */
                    incidentId: string;
                    note: string | null;
                    recordedByName: string;
                    reference: string;
                    /** Format: date-time */
                    submittedAt: string;
                    submittedBy: string;
                }[];
            }[];
            counts: {
                channel: string;
                notifications: number;
                state: string;
                step: string;
            }[];
            /** Format: date-time */
            generatedAt: string;
            incident: {
                affected: number;
                affectedByState?: {
                    [key: string]: number;
                };
                affectedWithoutState?: number;
                /** Format: date-time */
                awareAt: string | null;
                /** Format: date-time */
                closedAt: string | null;
                /** Format: date-time */
                confirmedAt: string | null;
                /** Format: date-time */
                declaredAt: string | null;
                /** Format: date-time */
                determinedAt: string | null;
                /** Format: date-time */
                extortionPaidAt: string | null;
                facts: unknown;
                /** Format: uuid */
                id: string;
                jurisdictions: string[];
                /** Format: date-time */
                materialityAt: string | null;
                organisationProfile: unknown;
                severity: string;
                state: string;
                title: string;
                type: string;
            };
            schedule: {
                audience: string;
                channel: string;
                /** Format: date-time */
                completedAt: string | null;
                /** Format: date-time */
                dispatchedAt: string | null;
                /** Format: date-time */
                dueAt: string | null;
                state: string;
                step: string;
                waitingReason: string | null;
            }[];
            templates: {
                [key: string]: unknown;
            }[];
            timeline: {
                action: string;
                actor: string | null;
                /** Format: date-time */
                at: string;
                data: unknown;
                entity: string;
                hash: string | null;
                id: string;
                origin: string | null;
            }[];
        };
        Facts: {
            facts: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            id: string;
            /** @description steps sent back for approval */
            needReapproval: string[];
        };
        FactsDto: {
            facts: {
                [key: string]: string | number | boolean;
            };
        };
        FeedbackReport: {
            ces: {
                average: number | null;
                count: number;
                distribution: {
                    [key: string]: number;
                };
                /** @enum {string} */
                scale: "1-7";
            };
            comments: {
                /** Format: date-time */
                at: string;
                ces: number | null;
                comment: string | null;
                csat: number | null;
            }[];
            csat: {
                average: number | null;
                count: number;
                distribution: {
                    [key: string]: number;
                };
                /** @enum {string} */
                scale: "1-5";
            };
            /** Format: uuid */
            incidentId: string;
            nextCursor: string | null;
            responses: number;
        };
        Health: {
            details: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            error: {
                [key: string]: unknown;
            };
            info: {
                [key: string]: {
                    [key: string]: unknown;
                };
            };
            /** @enum {string} */
            status: "ok";
        };
        Hold: {
            externalId: string;
            incidents: {
                /** Format: date-time */
                declaredAt: string;
                /** Format: uuid */
                id: string;
                state: string;
                title: string;
                /** Format: date-time */
                until: string | null;
            }[];
            onHold: boolean;
            /**
             * Format: date-time
             * @description when the hold ends; null while an incident touching the customer is open (or when not on hold)
             */
            until: string | null;
        };
        HoldSyncLine: {
            externalId: string;
            /** @enum {boolean} */
            onHold: true;
            /** Format: date-time */
            until: string | null;
        } | {
            externalId: string;
            /** @enum {boolean} */
            onHold: false;
            /** Format: date-time */
            releasedAt: string | null;
        };
        ImportAccepted: {
            /** Format: uuid */
            importId: string;
            /** @enum {string} */
            status: "running" | "completed" | "failed";
            /** @description GET it to follow the import */
            statusUrl: string;
        };
        ImportStatus: {
            bytes: number;
            /** @description in a dry run: what would be created */
            created: number;
            /** Format: date-time */
            createdAt: string;
            dryRun: boolean;
            errors: {
                field: string | null;
                line: number | null;
                message: string;
                row: number;
            }[];
            errorsTruncated: boolean;
            failure: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            format: string;
            /** Format: uuid */
            id: string;
            mode: string;
            /** @description uploading → queued → parsing → applying → done */
            phase: string;
            rowsImported: number;
            rowsRead: number;
            rowsRejected: number;
            /** Format: date-time */
            startedAt: string | null;
            /** @enum {string} */
            status: "running" | "completed" | "failed";
            updated: number;
            warnings: {
                field: string | null;
                line: number | null;
                message: string;
                row: number;
            }[];
            warningsTruncated: boolean;
        };
        Incident: {
            affected?: number;
            /** Format: date-time */
            awareAt: string;
            clocks: {
                article: string;
                audience: string;
                /**
                 * Format: date-time
                 * @description null: no fixed deadline, or the clock has not started
                 */
                dueAt: string | null;
                elapsedHours: number;
                evidence: ({
                    /** @enum {string} */
                    kind: "delivery";
                    recipients: {
                        channel: string;
                        /** Format: date-time */
                        reachedAt: string | null;
                        recipient: string;
                        response: string | null;
                        state: string;
                    }[];
                    step: string;
                } | null) | ({
                    fileName: string | null;
                    /** Format: uuid */
                    id: string;
                    /** @enum {string} */
                    kind: "submission";
                    reference: string;
                    /** Format: date-time */
                    submittedAt: string;
                    submittedBy: string;
                } | null) | ({
                    /** @enum {string} */
                    kind: "step_completed";
                    step: string;
                } | null);
                failedRecipients?: {
                    recipient: string;
                    response: string | null;
                    state: string;
                    step: string;
                }[];
                hoursLeft: number | null;
                id: string;
                /** Format: date-time */
                metAt: string | null;
                metBy: string | null;
                note?: string;
                regulation: string;
                /** @enum {string} */
                status: "running" | "met" | "missed" | "waiting" | "flag";
            }[];
            /** Format: date-time */
            confirmedAt: string | null;
            /** Format: date-time */
            declaredAt: string;
            /** Format: date-time */
            determinedAt: string | null;
            /** Format: date-time */
            extortionPaidAt: string | null;
            facts: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            id: string;
            jurisdictions: string[];
            /** Format: date-time */
            materialityAt: string | null;
            /** Format: date-time */
            resolvedAt: string | null;
            runbook: {
                key: string;
                version: number;
            };
            schedule: {
                /** @description timed from the resolved milestone: no date until then */
                after?: {
                    label: string;
                    /** @enum {string} */
                    milestone: "resolved";
                    offsetMinutes: number;
                };
                /** Format: date-time */
                approvedAt?: string;
                approvedBy?: string | null;
                audience: string;
                channel: string;
                /** Format: date-time */
                completedAt: string | null;
                /** Format: date-time */
                dispatchedAt: string | null;
                /** Format: date-time */
                dueAt: string | null;
                /** Format: uuid */
                id: string;
                state: string;
                step: string;
                template: string;
                waitingReason?: string;
            }[];
            severity: string;
            state: string;
            title: string;
            type: string;
        };
        IncidentTime: {
            /** Format: date-time */
            determinedAt?: string;
            /** Format: date-time */
            extortionPaidAt?: string;
            /** Format: uuid */
            id: string;
            replanned: {
                after: {
                    /** Format: date-time */
                    dueAt: string | null;
                    state: string;
                    waitingReason: string | null;
                };
                before: {
                    /** Format: date-time */
                    dueAt: string | null;
                    state: string;
                };
                step: string;
            }[];
        };
        /** @default {} */
        IncidentTimeDto: {
            /** Format: date-time */
            at?: string;
        };
        Lifted: {
            lifted: {
                address: string;
                channel: string;
                /** Format: date-time */
                createdAt: string;
                customer: {
                    externalId: string;
                    name: string | null;
                } | null;
                /** Format: uuid */
                incidentId: string | null;
                /** Format: uuid */
                notificationId: string | null;
                reason: string;
            };
        };
        LiftSuppressionDto: {
            address: string;
            /** @enum {string} */
            channel: "email" | "sms";
            reason: string;
        };
        LogContactDto: {
            /**
             * Format: date-time
             * @description when the contact happened (default: now), e.g. a call logged after it ended
             */
            at?: string;
            /**
             * @description how the customer got in touch
             * @enum {string}
             */
            channel: "phone" | "chat" | "email" | "social" | "in_person";
            /** @description the incidents it relates to (default: the open incidents touching the customer) */
            incidentIds?: string[];
            /** @description a short note (personal data: erased with the customer, never logged) */
            note?: string;
            /** @description a reason key from GET /contact-reasons, or 'other' with reasonText */
            reason: string;
            /** @description required when reason is 'other' */
            reasonText?: string;
            /**
             * @description the question was answered during the contact
             * @default false
             */
            resolved: boolean;
        };
        Milestone: {
            /** Format: date-time */
            confirmedAt?: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            materialityAt?: string;
            scheduled: {
                /** Format: date-time */
                dueAt: string | null;
                state: string;
                step: string;
            }[];
        };
        /** @default {} */
        MilestoneDto: {
            /** Format: date-time */
            at?: string;
        };
        OrganisationProfileDto: {
            /** @default [] */
            establishedIn: string[];
            /**
             * @default none
             * @enum {string}
             */
            hipaa: "covered_entity" | "business_associate" | "none";
            /** @default false */
            nis2Entity: boolean;
            /** @default false */
            nydfsCoveredEntity: boolean;
            /** @default false */
            secRegistrant: boolean;
        };
        OrganisationProfileView: {
            /** @description null until an admin sets it */
            profile: {
                /** @default [] */
                establishedIn: string[];
                /**
                 * @default none
                 * @enum {string}
                 */
                hipaa: "covered_entity" | "business_associate" | "none";
                /** @default false */
                nis2Entity: boolean;
                /** @default false */
                nydfsCoveredEntity: boolean;
                /** @default false */
                secRegistrant: boolean;
            } | null;
        };
        /** @default {} */
        PreviewDto: {
            locale?: string;
            timezone?: string;
        };
        PreviewTemplateDto: {
            /** @enum {string} */
            channel: "email" | "sms" | "webhook" | "page";
            customer?: {
                externalId: string;
            } | {
                sample: {
                    attributes?: {
                        [key: string]: unknown;
                    };
                    email?: string | null;
                    externalId?: string;
                    locale?: string;
                    name?: string | null;
                    phone?: string | null;
                    tags?: string[];
                    timezone?: string;
                };
            };
            /** @default {} */
            facts: {
                [key: string]: string | number | boolean;
            };
            incident?: {
                /** Format: date-time */
                awareAt?: string;
                /** Format: date-time */
                declaredAt?: string;
                jurisdictions?: string[];
                severity?: string;
                title?: string;
                type?: string;
            };
            key?: string;
            locale?: string;
            template?: {
                body?: string;
                html?: string;
                subject?: string;
                text?: string;
                /** @default [] */
                variables: string[];
            };
            version?: number;
        };
        /** @default {} */
        PublishDto: {
            version?: number;
        };
        PublishedRunbook: {
            definition: {
                /** @default en */
                defaultLocale: string;
                description?: string;
                locales?: string[];
                name: string;
                steps: {
                    approval?: {
                        /** @default false */
                        differentFromDeclarer: boolean;
                        /** @enum {string} */
                        role: "commander" | "comms" | "admin";
                    };
                    /** @enum {string} */
                    audience: "affected_customers" | "regulator" | "internal" | "list";
                    channel: string;
                    condition?: {
                        jurisdictionsInclude?: string[];
                        /** @enum {string} */
                        severityAtLeast?: "low" | "medium" | "high" | "critical";
                        typeIn?: string[];
                    };
                    /** @default [] */
                    fallbackChannels: ("email" | "sms" | "webhook" | "page")[];
                    filter?: components["schemas"]["PublishedRunbook_schema0"];
                    id: string;
                    /** @default 120 */
                    maxLatenessMinutes: number;
                    /** @default [] */
                    meets: ("gdpr-art33" | "gdpr-art34" | "nis2-early-warning" | "nis2-notification" | "nis2-final-report" | "nydfs-500.17" | "nydfs-500.17b-notice" | "nydfs-500.17b-explanation" | "hipaa-individuals" | "hipaa-hhs" | "hipaa-hhs-log" | "hipaa-media" | "hipaa-business-associate" | "sec-8k-1.05" | "hipaa-hhs-media")[];
                    name?: string;
                    offer?: string;
                    recipients?: ({
                        /** Format: email */
                        address: string;
                        name?: string;
                    } | {
                        name?: string;
                        webhook: string;
                    })[];
                    reminder?: {
                        afterMinutes: number;
                        /** @enum {string} */
                        channel?: "email" | "sms" | "webhook" | "page";
                        /** @enum {string} */
                        when: "not_delivered" | "not_acknowledged";
                    };
                    /** Format: email */
                    replyTo?: string;
                    template: string;
                    /**
                     * @default {
                     *       "milestone": "declared",
                     *       "offsetMinutes": 0
                     *     }
                     */
                    timing: {
                        /** @enum {string} */
                        milestone: "aware" | "declared" | "confirmed" | "resolved";
                        /** @default 0 */
                        offsetMinutes: number;
                    } | {
                        /** @default 0 */
                        beforeMinutes: number;
                        /** @enum {string} */
                        deadline: "gdpr-art33" | "gdpr-art34" | "nis2-early-warning" | "nis2-notification" | "nis2-final-report" | "nydfs-500.17" | "nydfs-500.17b-notice" | "nydfs-500.17b-explanation" | "hipaa-individuals" | "hipaa-hhs" | "hipaa-hhs-log" | "hipaa-media" | "hipaa-business-associate" | "sec-8k-1.05" | "hipaa-hhs-media";
                    };
                    /** @default true */
                    urgent: boolean;
                }[];
            };
            key: string;
            /** Format: date-time */
            publishedAt: string;
            version: number;
            warnings: {
                field: string;
                message: string;
                step: string | null;
            }[];
        };
        PublishedRunbook_schema0: {
            and: components["schemas"]["PublishedRunbook_schema0"][];
        } | {
            or: components["schemas"]["PublishedRunbook_schema0"][];
        } | {
            not: components["schemas"]["PublishedRunbook_schema0"];
        } | {
            eq?: string | number | boolean;
            exists?: boolean;
            field: string;
            gt?: number | string;
            in?: (string | number | boolean)[];
            lt?: number | string;
        };
        PublishingDto: {
            /** @default null */
            approval: {
                /** @default false */
                differentFromAuthor: boolean;
                /** @enum {string} */
                role: "commander" | "comms" | "admin";
            } | null;
            /**
             * @default {
             *       "enabled": false,
             *       "indexable": false
             *     }
             */
            statusPage: {
                enabled: boolean;
                /** @default false */
                indexable: boolean;
                slug?: string;
            };
        };
        PutOfferDto: {
            /** Format: date-time */
            expiresAt?: string;
            /** @default 100 */
            lowWatermark: number;
            sharedCode?: string;
            terms: string;
            title: string;
            /** Format: uri */
            url?: string;
        };
        PutRunbookDto: {
            /** @default en */
            defaultLocale: string;
            description?: string;
            locales?: string[];
            name: string;
            steps: {
                approval?: {
                    /** @default false */
                    differentFromDeclarer: boolean;
                    /** @enum {string} */
                    role: "commander" | "comms" | "admin";
                };
                /** @enum {string} */
                audience: "affected_customers" | "regulator" | "internal" | "list";
                channel: string;
                condition?: {
                    jurisdictionsInclude?: string[];
                    /** @enum {string} */
                    severityAtLeast?: "low" | "medium" | "high" | "critical";
                    typeIn?: string[];
                };
                /** @default [] */
                fallbackChannels: ("email" | "sms" | "webhook" | "page")[];
                filter?: components["schemas"]["PutRunbookDto_schema0"];
                id: string;
                /** @default 120 */
                maxLatenessMinutes: number;
                /** @default [] */
                meets: ("gdpr-art33" | "gdpr-art34" | "nis2-early-warning" | "nis2-notification" | "nis2-final-report" | "nydfs-500.17" | "nydfs-500.17b-notice" | "nydfs-500.17b-explanation" | "hipaa-individuals" | "hipaa-hhs" | "hipaa-hhs-log" | "hipaa-media" | "hipaa-business-associate" | "sec-8k-1.05" | "hipaa-hhs-media")[];
                name?: string;
                offer?: string;
                recipients?: ({
                    /** Format: email */
                    address: string;
                    name?: string;
                } | {
                    name?: string;
                    webhook: string;
                })[];
                reminder?: {
                    afterMinutes: number;
                    /** @enum {string} */
                    channel?: "email" | "sms" | "webhook" | "page";
                    /** @enum {string} */
                    when: "not_delivered" | "not_acknowledged";
                };
                /** Format: email */
                replyTo?: string;
                template: string;
                /**
                 * @default {
                 *       "milestone": "declared",
                 *       "offsetMinutes": 0
                 *     }
                 */
                timing: {
                    /** @enum {string} */
                    milestone: "aware" | "declared" | "confirmed" | "resolved";
                    /** @default 0 */
                    offsetMinutes: number;
                } | {
                    /** @default 0 */
                    beforeMinutes: number;
                    /** @enum {string} */
                    deadline: "gdpr-art33" | "gdpr-art34" | "nis2-early-warning" | "nis2-notification" | "nis2-final-report" | "nydfs-500.17" | "nydfs-500.17b-notice" | "nydfs-500.17b-explanation" | "hipaa-individuals" | "hipaa-hhs" | "hipaa-hhs-log" | "hipaa-media" | "hipaa-business-associate" | "sec-8k-1.05" | "hipaa-hhs-media";
                };
                /** @default true */
                urgent: boolean;
            }[];
        };
        PutRunbookDto__schema0: {
            and: components["schemas"]["PutRunbookDto__schema0"][];
        } | {
            or: components["schemas"]["PutRunbookDto__schema0"][];
        } | {
            not: components["schemas"]["PutRunbookDto__schema0"];
        } | {
            eq?: string | number | boolean;
            exists?: boolean;
            field: string;
            gt?: number | string;
            in?: (string | number | boolean)[];
            lt?: number | string;
        };
        PutRunbookDto_schema0: {
            and: components["schemas"]["PutRunbookDto_schema0"][];
        } | {
            or: components["schemas"]["PutRunbookDto_schema0"][];
        } | {
            not: components["schemas"]["PutRunbookDto_schema0"];
        } | {
            eq?: string | number | boolean;
            exists?: boolean;
            field: string;
            gt?: number | string;
            in?: (string | number | boolean)[];
            lt?: number | string;
        };
        PutTemplateDto: {
            body?: string;
            html?: string;
            subject?: string;
            text?: string;
            /** @default [] */
            variables: string[];
        };
        Reach: {
            acknowledged: number;
            affected: number;
            bounced: number;
            channels: {
                acknowledged: number;
                bounced: number;
                channel: string;
                deferred: number;
                delivered: number;
                failed: number;
                opened: number;
                pending: number;
                queued: number;
                reached: number;
                sending: number;
                sent: number;
                suppressed: number;
            }[];
            /** @description customers who claimed their remedy offer */
            claimed: number;
            deferred: number;
            delivered: number;
            failed: number;
            /** Format: uuid */
            incidentId: string;
            opened: number;
            pending: number;
            queued: number;
            reached: number;
            sending: number;
            sent: number;
            state: string;
            steps: {
                acknowledged: number;
                bounced: number;
                channel: string;
                deferred: number;
                delivered: number;
                failed: number;
                opened: number;
                pending: number;
                queued: number;
                reached: number;
                sending: number;
                sent: number;
                state: string;
                step: string;
                suppressed: number;
                /** @description seconds from the declaration */
                timeToDeliver: {
                    count: number;
                    p50: number | null;
                    p90: number | null;
                    p99: number | null;
                };
                /** @description seconds from the declaration */
                timeToReach: {
                    count: number;
                    p50: number | null;
                    p90: number | null;
                    p99: number | null;
                };
            }[];
            suppressed: number;
            /** @description seconds from the declaration */
            timeToReach: {
                count: number;
                p50: number | null;
                p90: number | null;
                p99: number | null;
            };
            unreached: number;
        };
        ReasonListDto: {
            items: {
                archived: boolean;
                /** Format: uuid */
                id: string;
                key: string;
                label: string;
                position: number;
            }[];
        };
        ReasonViewDto: {
            archived: boolean;
            /** Format: uuid */
            id: string;
            key: string;
            label: string;
            position: number;
        };
        RecordedEvents: {
            applied: number;
            events: {
                /** @description the notification's state changed because of this event */
                applied: boolean;
                /** @enum {string} */
                kind: "delivered" | "hard_bounce" | "soft_bounce" | "auto_reply" | "complaint" | "unknown" | "failed" | "accepted";
                /** @description a notification with this id exists */
                matched: boolean;
                /** Format: uuid */
                notificationId: string | null;
                status: string | null;
            }[];
            received: number;
        };
        RecordSubmissionDto: {
            file?: {
                base64: string;
                contentType: string;
                name: string;
            };
            note?: string;
            reference: string;
            /** Format: date-time */
            submittedAt: string;
            submittedBy: string;
        };
        RotateApiKeyDto: {
            /** @default 24 */
            overlapHours: number;
        };
        RotatedApiKey: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            expiresAt: string | null;
            /** Format: uuid */
            id: string;
            name: string;
            previous: {
                /** @description the key that TOCSIN_ADMIN_KEY sets */
                bootstrap: boolean;
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                expiresAt: string | null;
                /** Format: uuid */
                id: string;
                /** Format: date-time */
                lastUsedAt: string | null;
                name: string;
                /** @description the first characters of the secret, to recognise it */
                prefix: string;
                /** Format: date-time */
                revokedAt: string | null;
                revokedReason: string | null;
                /** @enum {string} */
                role: "admin" | "commander" | "comms" | "agent" | "viewer" | "marketing";
                /** Format: uuid */
                rotatedFromId: string | null;
                /** @enum {string} */
                state: "active" | "expired" | "revoked";
            };
            /** @enum {string} */
            role: "admin" | "commander" | "comms" | "agent" | "viewer" | "marketing";
            /** @description the key itself: shown in this answer only */
            secret: string;
        };
        Runbook: {
            /** @description the draft being edited (publish makes it a version) */
            draft: {
                /** @default en */
                defaultLocale: string;
                description?: string;
                locales?: string[];
                name: string;
                steps: {
                    approval?: {
                        /** @default false */
                        differentFromDeclarer: boolean;
                        /** @enum {string} */
                        role: "commander" | "comms" | "admin";
                    };
                    /** @enum {string} */
                    audience: "affected_customers" | "regulator" | "internal" | "list";
                    channel: string;
                    condition?: {
                        jurisdictionsInclude?: string[];
                        /** @enum {string} */
                        severityAtLeast?: "low" | "medium" | "high" | "critical";
                        typeIn?: string[];
                    };
                    /** @default [] */
                    fallbackChannels: ("email" | "sms" | "webhook" | "page")[];
                    filter?: components["schemas"]["Runbook_schema0"];
                    id: string;
                    /** @default 120 */
                    maxLatenessMinutes: number;
                    /** @default [] */
                    meets: ("gdpr-art33" | "gdpr-art34" | "nis2-early-warning" | "nis2-notification" | "nis2-final-report" | "nydfs-500.17" | "nydfs-500.17b-notice" | "nydfs-500.17b-explanation" | "hipaa-individuals" | "hipaa-hhs" | "hipaa-hhs-log" | "hipaa-media" | "hipaa-business-associate" | "sec-8k-1.05" | "hipaa-hhs-media")[];
                    name?: string;
                    offer?: string;
                    recipients?: ({
                        /** Format: email */
                        address: string;
                        name?: string;
                    } | {
                        name?: string;
                        webhook: string;
                    })[];
                    reminder?: {
                        afterMinutes: number;
                        /** @enum {string} */
                        channel?: "email" | "sms" | "webhook" | "page";
                        /** @enum {string} */
                        when: "not_delivered" | "not_acknowledged";
                    };
                    /** Format: email */
                    replyTo?: string;
                    template: string;
                    /**
                     * @default {
                     *       "milestone": "declared",
                     *       "offsetMinutes": 0
                     *     }
                     */
                    timing: {
                        /** @enum {string} */
                        milestone: "aware" | "declared" | "confirmed" | "resolved";
                        /** @default 0 */
                        offsetMinutes: number;
                    } | {
                        /** @default 0 */
                        beforeMinutes: number;
                        /** @enum {string} */
                        deadline: "gdpr-art33" | "gdpr-art34" | "nis2-early-warning" | "nis2-notification" | "nis2-final-report" | "nydfs-500.17" | "nydfs-500.17b-notice" | "nydfs-500.17b-explanation" | "hipaa-individuals" | "hipaa-hhs" | "hipaa-hhs-log" | "hipaa-media" | "hipaa-business-associate" | "sec-8k-1.05" | "hipaa-hhs-media";
                    };
                    /** @default true */
                    urgent: boolean;
                }[];
            };
            key: string;
            name: string;
            /** Format: date-time */
            updatedAt: string;
            versions: {
                /** Format: date-time */
                publishedAt: string;
                version: number;
            }[];
        };
        Runbook_schema0: {
            and: components["schemas"]["Runbook_schema0"][];
        } | {
            or: components["schemas"]["Runbook_schema0"][];
        } | {
            not: components["schemas"]["Runbook_schema0"];
        } | {
            eq?: string | number | boolean;
            exists?: boolean;
            field: string;
            gt?: number | string;
            in?: (string | number | boolean)[];
            lt?: number | string;
        };
        RunbookLibrary: {
            clocks: string[];
            description: string;
            name: string;
            steps: {
                audience: string;
                id: string;
                meets: string[];
                name?: string;
                template: string;
            }[];
            templates: string[];
            title: string;
        }[];
        /**
         * @default {
         *       "channel": "email"
         *     }
         */
        SendUpdateDto: {
            /**
             * @default email
             * @enum {string}
             */
            channel: "email" | "sms";
        };
        SmsStatusCallback: {
            ErrorCode?: string | "";
            MessageSid: string;
            MessageStatus: string;
            To?: string;
        };
        StateChange: {
            /** Format: uuid */
            id: string;
            previousState: string;
            /** @description resolve: the steps timed from resolution, now planned */
            scheduled?: {
                /** Format: date-time */
                dueAt: string | null;
                state: string;
                step: string;
            }[];
            state: string;
        };
        Submission: {
            clockId: string;
            /** Format: date-time */
            createdAt: string;
            fileContentType: string | null;
            fileName: string | null;
            fileSha256: string | null;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            incidentId: string;
            note: string | null;
            recordedByName: string;
            reference: string;
            replanned: {
                after: {
                    /** Format: date-time */
                    dueAt: string | null;
                    state: string;
                    waitingReason: string | null;
                };
                before: {
                    /** Format: date-time */
                    dueAt: string | null;
                    state: string;
                };
                step: string;
            }[];
            /** Format: date-time */
            submittedAt: string;
            submittedBy: string;
        };
        SuppressionPage: {
            items: {
                address: string;
                channel: string;
                /** Format: date-time */
                createdAt: string;
                customer: {
                    externalId: string;
                    name: string | null;
                } | null;
                /** Format: uuid */
                incidentId: string | null;
                /** Format: uuid */
                notificationId: string | null;
                reason: string;
            }[];
            nextCursor: string | null;
        };
        TemplateDiff: {
            changed: string[];
            /** @description field → unified diff */
            changes: {
                [key: string]: string;
            };
            /** @enum {string} */
            channel: "email" | "sms" | "webhook" | "page";
            from: number;
            key: string;
            locale: string;
            to: number;
        };
        TemplateHistory: {
            latest: {
                /** @description webhook channel: the JSON body template */
                body?: string;
                /** @enum {string} */
                channel: "email" | "sms" | "webhook" | "page";
                /** Format: date-time */
                createdAt: string;
                createdBy: string | null;
                html?: string;
                /** Format: uuid */
                id: string;
                key: string;
                locale: string;
                /** @description sms channel: its encoding and segment count */
                sms?: {
                    characters: number;
                    /** @enum {string} */
                    encoding: "GSM-7" | "UCS-2";
                    segments: number;
                };
                subject?: string;
                text?: string;
                variables: string[];
                version: number;
            };
            versions: {
                /** Format: date-time */
                createdAt: string;
                createdBy: string | null;
                version: number;
            }[];
        };
        TemplateList: {
            /** @enum {string} */
            channel: "email" | "sms" | "webhook" | "page";
            /** Format: date-time */
            createdAt: string;
            createdByName: string | null;
            key: string;
            locale: string;
            version: number;
        }[];
        TemplatePreview: {
            /** @description webhook channel: the rendered JSON body */
            body?: unknown;
            /** @enum {string} */
            channel: "email" | "sms" | "webhook" | "page";
            html?: string;
            sms?: {
                characters: number;
                /** @enum {string} */
                encoding: "GSM-7" | "UCS-2";
                segments: number;
            };
            subject?: string;
            templateVersion?: number;
            text?: string;
            title?: string;
        };
        TemplateVersion: {
            /** @description webhook channel: the JSON body template */
            body?: string;
            /** @enum {string} */
            channel: "email" | "sms" | "webhook" | "page";
            /** Format: date-time */
            createdAt: string;
            createdBy: string | null;
            html?: string;
            /** Format: uuid */
            id: string;
            key: string;
            locale: string;
            /** @description sms channel: its encoding and segment count */
            sms?: {
                characters: number;
                /** @enum {string} */
                encoding: "GSM-7" | "UCS-2";
                segments: number;
            };
            subject?: string;
            text?: string;
            variables: string[];
            version: number;
        };
        TestSend: {
            messageId: string;
            /** @enum {boolean} */
            sent: true;
            subject: string;
            templateVersion: number;
            to: string;
        };
        TestSendDto: {
            customer?: {
                externalId: string;
            } | {
                sample: {
                    attributes?: {
                        [key: string]: unknown;
                    };
                    email?: string | null;
                    externalId?: string;
                    locale?: string;
                    name?: string | null;
                    phone?: string | null;
                    tags?: string[];
                    timezone?: string;
                };
            };
            /** @default {} */
            facts: {
                [key: string]: string | number | boolean;
            };
            incident?: {
                /** Format: date-time */
                awareAt?: string;
                /** Format: date-time */
                declaredAt?: string;
                jurisdictions?: string[];
                severity?: string;
                title?: string;
                type?: string;
            };
            locale?: string;
            /** Format: email */
            to: string;
            version?: number;
        };
        TimelinePage: {
            items: {
                action: string;
                actor: string | null;
                /** Format: date-time */
                at: string;
                data: unknown;
                id: string;
            }[];
            nextCursor: string | null;
        };
        UpdateBodyDto: {
            content: {
                [key: string]: {
                    text: string;
                };
            };
        };
        UpdateReasonDto: {
            archived?: boolean;
            label?: string;
            position?: number;
        };
        UpdateWebhookEndpointDto: {
            enabled?: boolean;
            name?: string;
            url?: string;
        };
        UpsertCounts: {
            created: number;
            updated: number;
        };
        UpsertCustomerDto: {
            attributes?: {
                [key: string]: unknown;
            };
            email?: string | null;
            locale?: string;
            name?: string | null;
            phone?: string | null;
            tags?: string[];
            timezone?: string;
        };
        WebhookEndpoint: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            disabledAt: string | null;
            disabledReason: string | null;
            enabled: boolean;
            key: string;
            name: string;
            /**
             * Format: date-time
             * @description until then the previous secret signs too
             */
            previousSecretUntil: string | null;
            /** @description the first characters of the signing secret */
            secretPrefix: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WebhookEndpointPage: {
            items: {
                /** Format: date-time */
                createdAt: string;
                /** Format: date-time */
                disabledAt: string | null;
                disabledReason: string | null;
                enabled: boolean;
                key: string;
                name: string;
                /**
                 * Format: date-time
                 * @description until then the previous secret signs too
                 */
                previousSecretUntil: string | null;
                /** @description the first characters of the signing secret */
                secretPrefix: string;
                /** Format: date-time */
                updatedAt: string;
                url: string;
            }[];
            nextCursor: string | null;
        };
        WebhookEndpointWithSecret: {
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            disabledAt: string | null;
            disabledReason: string | null;
            enabled: boolean;
            key: string;
            name: string;
            /**
             * Format: date-time
             * @description until then the previous secret signs too
             */
            previousSecretUntil: string | null;
            /** @description the signing secret: in this answer only */
            secret: string;
            /** @description the first characters of the signing secret */
            secretPrefix: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
    };
    responses: {
        /** @description The mail relay refused or failed the delivery (delivery_failed) */
        BadGateway: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The request is invalid (validation_failed, malformed_body, filter_invalid): `details` lists the issues */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The resource is in a state that does not allow this (conflict) */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The credential is valid but its role may not do this (forbidden) */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No such resource (not_found) */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is larger than the limit (payload_too_large) */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description A backing service (database, queue) is unavailable, or the feature is not configured: nothing was changed, retry */
        ServiceUnavailable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Too many requests (rate_limited): `Retry-After` says when to come back */
        TooManyRequests: {
            headers: {
                /** @description seconds to wait */
                "Retry-After"?: number;
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description No credential, or a wrong one (unauthorized) */
        Unauthorized: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description Understood but refused (template_invalid, runbook_invalid, missing_facts, idempotency_key_reused, …): `details` says why */
        Unprocessable: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description The body is not one of the accepted media types (unsupported_media_type) */
        UnsupportedMediaType: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AuthController_list: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    AuthController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            /** @description Created: the secret is in this answer only */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    AuthController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or already was) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    AuthController_rotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RotateApiKeyDto"];
            };
        };
        responses: {
            /** @description The new key (its secret in this answer only) and the previous one, which works until its expiresAt */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RotatedApiKey"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    AudiencesController_count: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CountAudienceDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AudienceCount"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                action?: string;
                actorId?: string;
                cursor?: string;
                entityId?: string;
                entityType?: string;
                format?: "json" | "ndjson";
                from?: string;
                incidentId?: string;
                limit?: number;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the trail (JSON), or every matching row (NDJSON) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditPage"];
                    "application/x-ndjson": components["schemas"]["AuditEntry"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    AuditController_verify: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditVerification"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ContactReasonsController_list: {
        parameters: {
            query?: {
                includeArchived?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReasonListDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ContactReasonsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateReasonDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReasonViewDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ContactReasonsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        archived?: boolean;
                        deleted?: boolean;
                        id?: string;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ContactReasonsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReasonViewDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    CustomersController_list: {
        parameters: {
            query?: {
                cursor?: string;
                filter?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    CustomersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    CustomersController_upsert: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpsertCustomerDto"];
            };
        };
        responses: {
            /** @description Updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            /** @description Created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Customer"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    CustomersController_erase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerErased"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ContactsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LogContactDto"];
            };
        };
        responses: {
            /** @description the contact as stored */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactViewDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    CustomersController_getContext: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerContext"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    CustomersController_bulk: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkUpsertCustomersDto"];
            };
        };
        responses: {
            /** @description How many customers were created and updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpsertCounts"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ImportsController_upload: {
        parameters: {
            query?: {
                delimiter?: "," | ";" | "tab";
                dryRun?: ("0" | "1" | "true" | "false") | boolean;
                encoding?: string;
                format?: "csv" | "ndjson";
                mode?: "valid-only" | "all-or-nothing";
                region?: string;
                unknownColumns?: "attributes" | "reject";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The customers: CSV with a header row (externalId, email, phone, name, locale, timezone, tags, attributes.*) or NDJSON, one customer object per line */
        requestBody: {
            content: {
                "application/x-ndjson": string;
                "text/csv": string;
            };
        };
        responses: {
            /** @description Stored; the worker imports it (follow statusUrl) */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportAccepted"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    EmailEventsController_receive: {
        parameters: {
            query?: never;
            header: {
                /** @description sha256=<hex HMAC-SHA256 of the raw body with EVENTS_SIGNING_SECRET> */
                "X-Tocsin-Signature": string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description JSON events (one or an array), or a bounce message */
        requestBody: {
            content: {
                "application/json": components["schemas"]["EmailEvents"];
                "message/rfc822": string;
                "text/plain": string;
            };
        };
        responses: {
            /** @description Every event kept as evidence; `applied` changed a notification */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedEvents"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    SmsEventsController_receive: {
        parameters: {
            query?: never;
            header?: {
                /** @description or sha256=<hex HMAC-SHA256 of the raw body with EVENTS_SIGNING_SECRET> */
                "X-Tocsin-Signature"?: string;
                /** @description base64 HMAC-SHA1 (key SMS_TOKEN) of the callback URL followed by the form fields sorted by name, name+value, no separators */
                "X-Twilio-Signature"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description The status callback (other provider fields are kept as evidence) */
        requestBody: {
            content: {
                "application/x-www-form-urlencoded": components["schemas"]["SmsStatusCallback"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedEvents"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    HoldsController_sync: {
        parameters: {
            query?: {
                since?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One line per customer (NDJSON) */
            200: {
                headers: {
                    /** @description pass it as the next since */
                    "X-Hold-Sync-At"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/x-ndjson": components["schemas"]["HoldSyncLine"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    HoldsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                externalId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Hold"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ImportsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportStatus"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentsController_create: {
        parameters: {
            query?: never;
            header?: {
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeclareIncidentDto"];
            };
        };
        responses: {
            /** @description Already declared with this Idempotency-Key: the same incident (header Idempotent-Replayed: true) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            /** @description Declared */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Incident"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    AddAffectedController_add: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddAffectedDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AffectedAdded"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    AddAffectedController_upload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        /** @description One externalId per line, or a CSV whose first column is externalId */
        requestBody: {
            content: {
                "text/csv": string;
                "text/plain": string;
            };
        };
        responses: {
            /** @description Added, with per-row errors */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AffectedFile"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentAnswersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items?: {
                            /** @description the newest version */
                            content?: {
                                [key: string]: {
                                    answer?: string;
                                    question?: string;
                                };
                            };
                            /** Format: date-time */
                            createdAt?: string;
                            createdBy?: string;
                            /** Format: date-time */
                            firstPublishedAt?: string | null;
                            /** Format: uuid */
                            id?: string;
                            /** Format: uuid */
                            incidentId?: string;
                            /** @enum {string} */
                            kind?: "answer";
                            number?: number;
                            /** @description the published version */
                            published?: {
                                [key: string]: {
                                    answer?: string;
                                    question?: string;
                                };
                            } | null;
                            /** Format: date-time */
                            publishedAt?: string | null;
                            /** @description the version every surface shows */
                            publishedVersion?: number | null;
                            /** @enum {string} */
                            state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                            /** Format: date-time */
                            updatedAt?: string;
                            /** @description the newest version */
                            version?: number;
                            /** Format: date-time */
                            withdrawnAt?: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentAnswersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnswerBodyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest version */
                        content?: {
                            [key: string]: {
                                answer?: string;
                                question?: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt?: string;
                        createdBy?: string;
                        /** Format: date-time */
                        firstPublishedAt?: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: uuid */
                        incidentId?: string;
                        /** @enum {string} */
                        kind?: "answer";
                        number?: number;
                        /** @description the published version */
                        published?: {
                            [key: string]: {
                                answer?: string;
                                question?: string;
                            };
                        } | null;
                        /** Format: date-time */
                        publishedAt?: string | null;
                        /** @description the version every surface shows */
                        publishedVersion?: number | null;
                        /** @enum {string} */
                        state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                        /** Format: date-time */
                        updatedAt?: string;
                        /** @description the newest version */
                        version?: number;
                        /** Format: date-time */
                        withdrawnAt?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentAnswersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest version */
                        content?: {
                            [key: string]: {
                                answer?: string;
                                question?: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt?: string;
                        createdBy?: string;
                        /** Format: date-time */
                        firstPublishedAt?: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: uuid */
                        incidentId?: string;
                        /** @enum {string} */
                        kind?: "answer";
                        number?: number;
                        /** @description the published version */
                        published?: {
                            [key: string]: {
                                answer?: string;
                                question?: string;
                            };
                        } | null;
                        /** Format: date-time */
                        publishedAt?: string | null;
                        /** @description the version every surface shows */
                        publishedVersion?: number | null;
                        /** @enum {string} */
                        state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                        /** Format: date-time */
                        updatedAt?: string;
                        /** @description the newest version */
                        version?: number;
                        /** Format: date-time */
                        withdrawnAt?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentAnswersController_edit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AnswerBodyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest version */
                        content?: {
                            [key: string]: {
                                answer?: string;
                                question?: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt?: string;
                        createdBy?: string;
                        /** Format: date-time */
                        firstPublishedAt?: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: uuid */
                        incidentId?: string;
                        /** @enum {string} */
                        kind?: "answer";
                        number?: number;
                        /** @description the published version */
                        published?: {
                            [key: string]: {
                                answer?: string;
                                question?: string;
                            };
                        } | null;
                        /** Format: date-time */
                        publishedAt?: string | null;
                        /** @description the version every surface shows */
                        publishedVersion?: number | null;
                        /** @enum {string} */
                        state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                        /** Format: date-time */
                        updatedAt?: string;
                        /** @description the newest version */
                        version?: number;
                        /** Format: date-time */
                        withdrawnAt?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentAnswersController_preview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PreviewDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        locale?: string;
                        /** @description notice_page, agent_view, status_page, next_message: whether the version appears there, where, and how (HTML or the agent view data) */
                        surfaces?: {
                            appears?: boolean;
                            html?: string | null;
                            subject?: string | null;
                            /** @enum {string} */
                            surface?: "notice_page" | "agent_view" | "status_page" | "next_message";
                            text?: string | null;
                            where?: string;
                        }[];
                        timezone?: string;
                        version?: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentAnswersController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PublishDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest version */
                        content?: {
                            [key: string]: {
                                answer?: string;
                                question?: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt?: string;
                        createdBy?: string;
                        /** Format: date-time */
                        firstPublishedAt?: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: uuid */
                        incidentId?: string;
                        /** @enum {string} */
                        kind?: "answer";
                        number?: number;
                        /** @description the published version */
                        published?: {
                            [key: string]: {
                                answer?: string;
                                question?: string;
                            };
                        } | null;
                        /** Format: date-time */
                        publishedAt?: string | null;
                        /** @description the version every surface shows */
                        publishedVersion?: number | null;
                        /** @enum {string} */
                        state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                        /** Format: date-time */
                        updatedAt?: string;
                        /** @description the newest version */
                        version?: number;
                        /** Format: date-time */
                        withdrawnAt?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentAnswersController_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id?: string;
                        number?: number;
                        publishedVersion?: number | null;
                        versions?: {
                            author?: string;
                            /** @description per locale (en, fr-CA …) */
                            content?: {
                                [key: string]: {
                                    answer?: string;
                                    question?: string;
                                };
                            };
                            /** Format: date-time */
                            createdAt?: string;
                            /** Format: date-time */
                            publishedAt?: string | null;
                            publishedBy?: string | null;
                            version?: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentAnswersController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest version */
                        content?: {
                            [key: string]: {
                                answer?: string;
                                question?: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt?: string;
                        createdBy?: string;
                        /** Format: date-time */
                        firstPublishedAt?: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: uuid */
                        incidentId?: string;
                        /** @enum {string} */
                        kind?: "answer";
                        number?: number;
                        /** @description the published version */
                        published?: {
                            [key: string]: {
                                answer?: string;
                                question?: string;
                            };
                        } | null;
                        /** Format: date-time */
                        publishedAt?: string | null;
                        /** @description the version every surface shows */
                        publishedVersion?: number | null;
                        /** @enum {string} */
                        state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                        /** Format: date-time */
                        updatedAt?: string;
                        /** @description the newest version */
                        version?: number;
                        /** Format: date-time */
                        withdrawnAt?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentLifecycleController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ActionBodyDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateChange"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ClocksController_submit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clockId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordSubmissionDto"];
            };
        };
        responses: {
            /** @description Recorded (the file stays with it), and the steps replanned */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Submission"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentLifecycleController_close: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ActionBodyDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateChange"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ScheduleController_confirm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MilestoneDto"];
            };
        };
        responses: {
            /** @description The steps now scheduled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestone"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ContactsController_list: {
        parameters: {
            query?: {
                channel?: "phone" | "chat" | "email" | "social" | "in_person" | "notice_page";
                cursor?: string;
                from?: string;
                limit?: number;
                reason?: string;
                resolved?: "true" | "false";
                to?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactPageDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ContactsController_summary: {
        parameters: {
            query?: {
                /** @description bucket size (default: hour for the first 3 days of an incident, then day) */
                bucket?: "hour" | "day";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactSummaryDto"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ClocksController_determination: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["IncidentTimeDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentTime"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ClocksController_extortionPayment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["IncidentTimeDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentTime"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ScheduleController_facts: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FactsDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Facts"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    FeedbackController_report: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FeedbackReport"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ScheduleController_materiality: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["MilestoneDto"];
            };
        };
        responses: {
            /** @description The steps now scheduled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Milestone"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentLifecycleController_pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ActionBodyDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateChange"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentPublishingController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval?: {
                            differentFromAuthor?: boolean;
                            /** @enum {string} */
                            role?: "commander" | "comms" | "admin";
                        } | null;
                        statusPage?: {
                            enabled?: boolean;
                            indexable?: boolean;
                            slug?: string | null;
                            url?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentPublishingController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PublishingDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        approval?: {
                            differentFromAuthor?: boolean;
                            /** @enum {string} */
                            role?: "commander" | "comms" | "admin";
                        } | null;
                        statusPage?: {
                            enabled?: boolean;
                            indexable?: boolean;
                            slug?: string | null;
                            url?: string | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentsController_reach: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reach"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ReachController_stream: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-sent events: `reach` (data: the body of GET …/reach, JSON) whenever it changes, then `end` once the incident is closed or cancelled */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description The incident is closed or cancelled and the client (Last-Event-ID) already had its final state: stop reconnecting */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    EvidenceReportController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report (JSON), or its PDF with ?format=pdf or Accept: application/pdf */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvidenceReport"];
                    "application/pdf": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentLifecycleController_resolve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ActionBodyDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateChange"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentLifecycleController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ActionBodyDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StateChange"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ScorecardController_incident: {
        parameters: {
            query?: {
                attribute?: string;
                by?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the figures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        breakdown?: {
                            /** @example attributes.plan */
                            by?: string;
                            groups?: ({
                                group?: string;
                            } & {
                                acknowledged?: number;
                                /** @description percent, one decimal; null when there is nothing to divide by */
                                acknowledgementRate?: number | null;
                                ces?: {
                                    answers?: number;
                                    average?: number | null;
                                    /** @description answers per score 1-7 */
                                    distribution?: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description claims ÷ reached, percent */
                                claimRate?: number | null;
                                /** @description remedy offers claimed on the notice page (offer_assignment.claimed_at) */
                                claims?: number;
                                csat?: {
                                    answers?: number;
                                    /** @description answers per score 1-5 */
                                    distribution?: {
                                        [key: string]: number;
                                    };
                                    /** @description percent, one decimal; null when there is nothing to divide by */
                                    satisfiedPercent?: number | null;
                                };
                                nps?: {
                                    answers?: number;
                                    detractors?: number;
                                    /** @description answers per score 0-10 */
                                    distribution?: {
                                        [key: string]: number;
                                    };
                                    passives?: number;
                                    promoters?: number;
                                    /** @description % promoters (9-10) - % detractors (0-6), -100 to 100 */
                                    score?: number | null;
                                };
                                /** @description customers reached (the reach definition) */
                                reached?: number;
                                /** @description percent, one decimal; null when there is nothing to divide by */
                                responseRate?: number | null;
                                responses?: number;
                            })[];
                        } | null;
                        figures?: {
                            acknowledged?: number;
                            /** @description percent, one decimal; null when there is nothing to divide by */
                            acknowledgementRate?: number | null;
                            ces?: {
                                answers?: number;
                                average?: number | null;
                                /** @description answers per score 1-7 */
                                distribution?: {
                                    [key: string]: number;
                                };
                            };
                            /** @description claims ÷ reached, percent */
                            claimRate?: number | null;
                            /** @description remedy offers claimed on the notice page (offer_assignment.claimed_at) */
                            claims?: number;
                            csat?: {
                                answers?: number;
                                /** @description answers per score 1-5 */
                                distribution?: {
                                    [key: string]: number;
                                };
                                /** @description percent, one decimal; null when there is nothing to divide by */
                                satisfiedPercent?: number | null;
                            };
                            nps?: {
                                answers?: number;
                                detractors?: number;
                                /** @description answers per score 0-10 */
                                distribution?: {
                                    [key: string]: number;
                                };
                                passives?: number;
                                promoters?: number;
                                /** @description % promoters (9-10) - % detractors (0-6), -100 to 100 */
                                score?: number | null;
                            };
                            /** @description customers reached (the reach definition) */
                            reached?: number;
                            /** @description percent, one decimal; null when there is nothing to divide by */
                            responseRate?: number | null;
                            responses?: number;
                        };
                        incident?: {
                            /** Format: date-time */
                            declaredAt?: string;
                            /** Format: uuid */
                            id?: string;
                            state?: string;
                            title?: string;
                        };
                        timeToReach?: {
                            count?: number;
                            /** @description seconds from the declaration */
                            p50?: number | null;
                            p90?: number | null;
                        };
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ScheduleController_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                stepId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApprovedStep"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ClocksController_file: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                submissionId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, byte for byte, in the media type it was recorded with */
            200: {
                headers: {
                    /** @description SHA-256 of the file (hex) */
                    "X-Content-SHA256"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "*/*": string;
                    "application/octet-stream": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentLifecycleController_timeline: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimelinePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ReachController_csv: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One row per unreached customer: externalId, name, email, phone, why (formulas neutralised) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentUpdatesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items?: {
                            /** @description the newest version */
                            content?: {
                                [key: string]: {
                                    text?: string;
                                };
                            };
                            /** Format: date-time */
                            createdAt?: string;
                            createdBy?: string;
                            /** Format: date-time */
                            firstPublishedAt?: string | null;
                            /** Format: uuid */
                            id?: string;
                            /** Format: uuid */
                            incidentId?: string;
                            /** @enum {string} */
                            kind?: "update";
                            number?: number;
                            /** @description the published version */
                            published?: {
                                [key: string]: {
                                    text?: string;
                                };
                            } | null;
                            /** Format: date-time */
                            publishedAt?: string | null;
                            /** @description the version every surface shows */
                            publishedVersion?: number | null;
                            /** @enum {string} */
                            state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                            /** Format: date-time */
                            updatedAt?: string;
                            /** @description the newest version */
                            version?: number;
                            /** Format: date-time */
                            withdrawnAt?: string | null;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentUpdatesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBodyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest version */
                        content?: {
                            [key: string]: {
                                text?: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt?: string;
                        createdBy?: string;
                        /** Format: date-time */
                        firstPublishedAt?: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: uuid */
                        incidentId?: string;
                        /** @enum {string} */
                        kind?: "update";
                        number?: number;
                        /** @description the published version */
                        published?: {
                            [key: string]: {
                                text?: string;
                            };
                        } | null;
                        /** Format: date-time */
                        publishedAt?: string | null;
                        /** @description the version every surface shows */
                        publishedVersion?: number | null;
                        /** @enum {string} */
                        state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                        /** Format: date-time */
                        updatedAt?: string;
                        /** @description the newest version */
                        version?: number;
                        /** Format: date-time */
                        withdrawnAt?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentUpdatesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest version */
                        content?: {
                            [key: string]: {
                                text?: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt?: string;
                        createdBy?: string;
                        /** Format: date-time */
                        firstPublishedAt?: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: uuid */
                        incidentId?: string;
                        /** @enum {string} */
                        kind?: "update";
                        number?: number;
                        /** @description the published version */
                        published?: {
                            [key: string]: {
                                text?: string;
                            };
                        } | null;
                        /** Format: date-time */
                        publishedAt?: string | null;
                        /** @description the version every surface shows */
                        publishedVersion?: number | null;
                        /** @enum {string} */
                        state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                        /** Format: date-time */
                        updatedAt?: string;
                        /** @description the newest version */
                        version?: number;
                        /** Format: date-time */
                        withdrawnAt?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentUpdatesController_edit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBodyDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest version */
                        content?: {
                            [key: string]: {
                                text?: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt?: string;
                        createdBy?: string;
                        /** Format: date-time */
                        firstPublishedAt?: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: uuid */
                        incidentId?: string;
                        /** @enum {string} */
                        kind?: "update";
                        number?: number;
                        /** @description the published version */
                        published?: {
                            [key: string]: {
                                text?: string;
                            };
                        } | null;
                        /** Format: date-time */
                        publishedAt?: string | null;
                        /** @description the version every surface shows */
                        publishedVersion?: number | null;
                        /** @enum {string} */
                        state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                        /** Format: date-time */
                        updatedAt?: string;
                        /** @description the newest version */
                        version?: number;
                        /** Format: date-time */
                        withdrawnAt?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentUpdatesController_preview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PreviewDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        locale?: string;
                        /** @description notice_page, agent_view, status_page, next_message: whether the version appears there, where, and how (HTML or the agent view data) */
                        surfaces?: {
                            appears?: boolean;
                            html?: string | null;
                            subject?: string | null;
                            /** @enum {string} */
                            surface?: "notice_page" | "agent_view" | "status_page" | "next_message";
                            text?: string | null;
                            where?: string;
                        }[];
                        timezone?: string;
                        version?: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentUpdatesController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["PublishDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest version */
                        content?: {
                            [key: string]: {
                                text?: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt?: string;
                        createdBy?: string;
                        /** Format: date-time */
                        firstPublishedAt?: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: uuid */
                        incidentId?: string;
                        /** @enum {string} */
                        kind?: "update";
                        number?: number;
                        /** @description the published version */
                        published?: {
                            [key: string]: {
                                text?: string;
                            };
                        } | null;
                        /** Format: date-time */
                        publishedAt?: string | null;
                        /** @description the version every surface shows */
                        publishedVersion?: number | null;
                        /** @enum {string} */
                        state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                        /** Format: date-time */
                        updatedAt?: string;
                        /** @description the newest version */
                        version?: number;
                        /** Format: date-time */
                        withdrawnAt?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentPublishingController_sendUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["SendUpdateDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        channel?: "email" | "sms";
                        /** @description false: this version was already sent on this channel (nobody gets it twice) */
                        created?: boolean;
                        state?: string;
                        /** @example update-2-v1 */
                        step?: string;
                        /** Format: uuid */
                        stepId?: string;
                        update?: number;
                        version?: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentUpdatesController_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: uuid */
                        id?: string;
                        number?: number;
                        publishedVersion?: number | null;
                        versions?: {
                            author?: string;
                            /** @description per locale (en, fr-CA …) */
                            content?: {
                                [key: string]: {
                                    text?: string;
                                };
                            };
                            /** Format: date-time */
                            createdAt?: string;
                            /** Format: date-time */
                            publishedAt?: string | null;
                            publishedBy?: string | null;
                            version?: number;
                        }[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    IncidentUpdatesController_withdraw: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                /** @description the post id, or its number in the incident (1, 2 …) */
                ref: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description the newest version */
                        content?: {
                            [key: string]: {
                                text?: string;
                            };
                        };
                        /** Format: date-time */
                        createdAt?: string;
                        createdBy?: string;
                        /** Format: date-time */
                        firstPublishedAt?: string | null;
                        /** Format: uuid */
                        id?: string;
                        /** Format: uuid */
                        incidentId?: string;
                        /** @enum {string} */
                        kind?: "update";
                        number?: number;
                        /** @description the published version */
                        published?: {
                            [key: string]: {
                                text?: string;
                            };
                        } | null;
                        /** Format: date-time */
                        publishedAt?: string | null;
                        /** @description the version every surface shows */
                        publishedVersion?: number | null;
                        /** @enum {string} */
                        state?: "draft" | "published" | "published_with_draft" | "withdrawn";
                        /** Format: date-time */
                        updatedAt?: string;
                        /** @description the newest version */
                        version?: number;
                        /** Format: date-time */
                        withdrawnAt?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    OffersController_list: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items?: {
                            /** Format: date-time */
                            expiresAt?: string | null;
                            key?: string;
                            /** @enum {string} */
                            kind?: "shared" | "pool";
                            pool?: {
                                assigned?: number;
                                free?: number;
                                low?: boolean;
                                lowWatermark?: number;
                                total?: number;
                            } | null;
                            terms?: string;
                            title?: string;
                            url?: string | null;
                            /** @description set when the pool runs low (free codes below lowWatermark) */
                            warning?: string | null;
                        }[];
                        nextCursor?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    OffersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt?: string | null;
                        key?: string;
                        /** @enum {string} */
                        kind?: "shared" | "pool";
                        pool?: {
                            assigned?: number;
                            free?: number;
                            low?: boolean;
                            lowWatermark?: number;
                            total?: number;
                        } | null;
                        terms?: string;
                        title?: string;
                        url?: string | null;
                        /** @description set when the pool runs low (free codes below lowWatermark) */
                        warning?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    OffersController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutOfferDto"];
            };
        };
        responses: {
            /** @description The offer with its pool status */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** Format: date-time */
                        expiresAt?: string | null;
                        key?: string;
                        /** @enum {string} */
                        kind?: "shared" | "pool";
                        pool?: {
                            assigned?: number;
                            free?: number;
                            low?: boolean;
                            lowWatermark?: number;
                            total?: number;
                        } | null;
                        terms?: string;
                        title?: string;
                        url?: string | null;
                        /** @description set when the pool runs low (free codes below lowWatermark) */
                        warning?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    OffersController_assignments: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    OffersController_upload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/csv": string;
                "text/plain": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        added?: number;
                        /** @description codes already in the pool (or twice in the file) */
                        duplicates?: number;
                        errors?: {
                            message?: string;
                            row?: number;
                        }[];
                        offer?: string;
                        pool?: {
                            assigned?: number;
                            free?: number;
                            low?: boolean;
                            lowWatermark?: number;
                            total?: number;
                        } | null;
                        rejected?: number;
                        rowsRead?: number;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            415: components["responses"]["UnsupportedMediaType"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ClocksController_profile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganisationProfileView"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ClocksController_saveProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrganisationProfileDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrganisationProfileView"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    RunbooksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Runbook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    RunbooksController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutRunbookDto"];
            };
        };
        responses: {
            /** @description The saved draft */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Runbook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    RunbooksController_publish: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublishedRunbook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    RunbooksController_library: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RunbookLibrary"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    RunbooksController_copy: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                name: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CopyDto"];
            };
        };
        responses: {
            /** @description The new draft */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Runbook"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ScorecardController_range: {
        parameters: {
            query: {
                attribute?: string;
                by?: string;
                from: string;
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the figures and the trend */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        breakdown?: {
                            /** @example attributes.plan */
                            by?: string;
                            groups?: ({
                                group?: string;
                            } & {
                                acknowledged?: number;
                                /** @description percent, one decimal; null when there is nothing to divide by */
                                acknowledgementRate?: number | null;
                                ces?: {
                                    answers?: number;
                                    average?: number | null;
                                    /** @description answers per score 1-7 */
                                    distribution?: {
                                        [key: string]: number;
                                    };
                                };
                                /** @description claims ÷ reached, percent */
                                claimRate?: number | null;
                                /** @description remedy offers claimed on the notice page (offer_assignment.claimed_at) */
                                claims?: number;
                                csat?: {
                                    answers?: number;
                                    /** @description answers per score 1-5 */
                                    distribution?: {
                                        [key: string]: number;
                                    };
                                    /** @description percent, one decimal; null when there is nothing to divide by */
                                    satisfiedPercent?: number | null;
                                };
                                nps?: {
                                    answers?: number;
                                    detractors?: number;
                                    /** @description answers per score 0-10 */
                                    distribution?: {
                                        [key: string]: number;
                                    };
                                    passives?: number;
                                    promoters?: number;
                                    /** @description % promoters (9-10) - % detractors (0-6), -100 to 100 */
                                    score?: number | null;
                                };
                                /** @description customers reached (the reach definition) */
                                reached?: number;
                                /** @description percent, one decimal; null when there is nothing to divide by */
                                responseRate?: number | null;
                                responses?: number;
                            })[];
                        } | null;
                        figures?: {
                            acknowledged?: number;
                            /** @description percent, one decimal; null when there is nothing to divide by */
                            acknowledgementRate?: number | null;
                            ces?: {
                                answers?: number;
                                average?: number | null;
                                /** @description answers per score 1-7 */
                                distribution?: {
                                    [key: string]: number;
                                };
                            };
                            /** @description claims ÷ reached, percent */
                            claimRate?: number | null;
                            /** @description remedy offers claimed on the notice page (offer_assignment.claimed_at) */
                            claims?: number;
                            csat?: {
                                answers?: number;
                                /** @description answers per score 1-5 */
                                distribution?: {
                                    [key: string]: number;
                                };
                                /** @description percent, one decimal; null when there is nothing to divide by */
                                satisfiedPercent?: number | null;
                            };
                            nps?: {
                                answers?: number;
                                detractors?: number;
                                /** @description answers per score 0-10 */
                                distribution?: {
                                    [key: string]: number;
                                };
                                passives?: number;
                                promoters?: number;
                                /** @description % promoters (9-10) - % detractors (0-6), -100 to 100 */
                                score?: number | null;
                            };
                            /** @description customers reached (the reach definition) */
                            reached?: number;
                            /** @description percent, one decimal; null when there is nothing to divide by */
                            responseRate?: number | null;
                            responses?: number;
                        };
                        /** Format: date-time */
                        from?: string;
                        incidents?: number;
                        timeToReach?: {
                            count?: number;
                            /** @description seconds from the declaration */
                            p50?: number | null;
                            p90?: number | null;
                        };
                        /** Format: date-time */
                        to?: string;
                        trend?: ({
                            incident?: {
                                /** Format: date-time */
                                declaredAt?: string;
                                /** Format: uuid */
                                id?: string;
                                state?: string;
                                title?: string;
                            };
                        } & {
                            acknowledged?: number;
                            /** @description percent, one decimal; null when there is nothing to divide by */
                            acknowledgementRate?: number | null;
                            ces?: {
                                answers?: number;
                                average?: number | null;
                                /** @description answers per score 1-7 */
                                distribution?: {
                                    [key: string]: number;
                                };
                            };
                            /** @description claims ÷ reached, percent */
                            claimRate?: number | null;
                            /** @description remedy offers claimed on the notice page (offer_assignment.claimed_at) */
                            claims?: number;
                            csat?: {
                                answers?: number;
                                /** @description answers per score 1-5 */
                                distribution?: {
                                    [key: string]: number;
                                };
                                /** @description percent, one decimal; null when there is nothing to divide by */
                                satisfiedPercent?: number | null;
                            };
                            nps?: {
                                answers?: number;
                                detractors?: number;
                                /** @description answers per score 0-10 */
                                distribution?: {
                                    [key: string]: number;
                                };
                                passives?: number;
                                promoters?: number;
                                /** @description % promoters (9-10) - % detractors (0-6), -100 to 100 */
                                score?: number | null;
                            };
                            /** @description customers reached (the reach definition) */
                            reached?: number;
                            /** @description percent, one decimal; null when there is nothing to divide by */
                            responseRate?: number | null;
                            responses?: number;
                        })[];
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ScorecardController_comments: {
        parameters: {
            query?: {
                channel?: "email" | "sms" | "webhook";
                cursor?: string;
                from?: string;
                incident?: string;
                limit?: number;
                locale?: string;
                max?: number;
                min?: number;
                score?: "csat" | "ces" | "nps";
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description a page of comments */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items?: {
                            /** Format: date-time */
                            at?: string;
                            ces?: number;
                            channels?: string[];
                            comment?: string | null;
                            csat?: number;
                            /** Format: uuid */
                            incidentId?: string;
                            incidentTitle?: string;
                            locale?: string;
                            nps?: number | null;
                            npsReason?: string | null;
                        }[];
                        nextCursor?: string | null;
                    };
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    ScorecardController_csv: {
        parameters: {
            query?: {
                channel?: "email" | "sms" | "webhook";
                cursor?: string;
                from?: string;
                incident?: string;
                limit?: number;
                locale?: string;
                max?: number;
                min?: number;
                score?: "csat" | "ces" | "nps";
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/csv: incidentId, incident, at, locale, channels, csat, ces, nps, comment, npsReason */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    SuppressionsController_list: {
        parameters: {
            query?: {
                address?: string;
                channel?: "email" | "sms";
                cursor?: string;
                customer?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuppressionPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    SuppressionsController_lift: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LiftSuppressionDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Lifted"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    TemplatesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The newest version of every template */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateList"];
                };
            };
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    TemplatesController_history: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel: string;
                key: string;
                locale: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateHistory"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    TemplatesController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel: string;
                key: string;
                locale: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutTemplateDto"];
            };
        };
        responses: {
            /** @description The new version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    TemplatesController_diff: {
        parameters: {
            query: {
                from: number;
                to: number;
            };
            header?: never;
            path: {
                channel: string;
                key: string;
                locale: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateDiff"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    TemplatesController_version: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                channel: string;
                key: string;
                locale: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplateVersion"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    TemplatesController_testSend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TestSendDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TestSend"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            502: components["responses"]["BadGateway"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    TemplatesController_preview: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PreviewTemplateDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TemplatePreview"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    UsersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            /** @description Created: a generated password is in this answer only */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedUser"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    WebhookEndpointsController_list: {
        parameters: {
            query?: {
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    WebhookEndpointsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookEndpointDto"];
            };
        };
        responses: {
            /** @description Created: the signing secret is in this answer only */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    WebhookEndpointsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    WebhookEndpointsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    WebhookEndpointsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookEndpointDto"];
            };
        };
        responses: {
            /** @description OK */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpoint"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["Unprocessable"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    WebhookEndpointsController_rotate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                key: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new secret, in this answer only */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Postgres and Redis answer; SMTP and the relays are reported */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Health"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
