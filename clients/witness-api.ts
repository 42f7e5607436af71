/**
 * Types of the Witness API, generated from docs/openapi.json by `npm run openapi`
 * (openapi-typescript). Do not edit: change the controllers and regenerate.
 */

export interface paths {
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description Answers 200 while the process can serve requests. No dependency is checked.
         */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description PostgreSQL and Redis checked; 503 (problem+json) naming each failed dependency when one is down. `virusScans` reports the documents kept while ClamAV was unreachable and not scanned yet (`pending`, `oldestPendingSeconds`): informative, always up.
         */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign in
         * @description Email, password and, when the account has a second factor, its TOTP or recovery code in the same request. Every failure gets the same 401 answer (unknown email, wrong password, missing or wrong code), so it says neither whether the email exists nor whether the password was right; each counts towards the lock-out: after 5 failures in 15 minutes the account answers 429 with Retry-After.
         */
        post: operations["AuthController_login"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sign out
         * @description Revokes the session token at once.
         */
        post: operations["AuthController_logout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who am I
         * @description The signed-in account.
         */
        get: operations["AuthController_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/enrol": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start TOTP enrolment
         * @description Returns a new secret and otpauth URI; the factor is active once confirmed.
         */
        post: operations["AuthController_enrol"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/mfa/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm TOTP enrolment
         * @description Activates the second factor with a first code and returns single-use recovery codes (shown once).
         */
        post: operations["AuthController_confirm"];
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
        /** List users (admin) */
        get: operations["UsersController_list"];
        put?: never;
        /**
         * Create a user (admin)
         * @description The password must be 12-256 characters and not a common or guessable one.
         */
        post: operations["UsersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a user (admin) */
        get: operations["UsersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change name, role or time zone (admin)
         * @description A role change ends the user's sessions.
         */
        patch: operations["UsersController_update"];
        trace?: never;
    };
    "/api/v1/users/{id}/deactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Deactivate a user (admin)
         * @description The account can no longer sign in; all its sessions end now.
         */
        post: operations["UsersController_deactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/reactivate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reactivate a user (admin)
         * @description A deactivated account may sign in again (no old session comes back). Reactivating an active account changes nothing.
         */
        post: operations["UsersController_reactivate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/reset-mfa": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reset a user's second factor (admin)
         * @description For a lost device: the user enrols again at next sign-in.
         */
        post: operations["UsersController_resetMfa"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/un-calendar": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List calendar entries
         * @description By first day (keyset-paginated: follow nextCursor); filter by kind, a window (from/to) or a state.
         */
        get: operations["UnCalendarController_list"];
        put?: never;
        /**
         * Add a session to the calendar
         * @description Checks the deadlines fit the kind (e.g. a WGAD session's case cut-off, a UPR stakeholder submission per state under review). The cases it fits get milestones shortly after, through the worker.
         */
        post: operations["UnCalendarController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/un-calendar/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a calendar entry
         * @description The ETag carries the version.
         */
        get: operations["UnCalendarController_get"];
        put?: never;
        post?: never;
        /**
         * Remove a calendar entry
         * @description Audited. The open milestones that came from it are cancelled by the worker.
         */
        delete: operations["UnCalendarController_remove"];
        options?: never;
        head?: never;
        /**
         * Edit a calendar entry
         * @description Partial update; needs If-Match. Moving a deadline moves the milestones that come from it; a case that no longer fits has its milestone cancelled.
         */
        patch: operations["UnCalendarController_update"];
        trace?: never;
    };
    "/api/v1/un-calendar/{id}/opportunities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The cases this session is a window for action for
         * @description UPR: every detained or disappeared defender of a state under review. WGAD: every case with a transmitted regular communication whose reply period ends by the case cut-off. HRC: escalations flagged for this session (their hrcSession names its number). Regional: open communications before that body. Only cases the caller may see; by name, keyset-paginated.
         */
        get: operations["UnCalendarController_opportunities"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List and search case records
         * @description Each case as a list shows it (about ten fields; the whole record is on GET /api/v1/defenders/{id}). Keyset-paginated: follow next (or send nextCursor as cursor); no total is counted. Without q, newest first; with q, by relevance among the 1,000 newest matches, and a name spelt closely (trigram similarity) when the words match nothing. Archived records only with archived=true.
         */
        get: operations["DefendersController_list"];
        put?: never;
        /**
         * Create a case record
         * @description Creates a defender profile. Status and days in detention come from the timeline, added next.
         */
        post: operations["DefendersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a case record
         * @description With the derived status and days in detention. The ETag carries the version to send in If-Match.
         */
        get: operations["DefendersController_get"];
        put?: never;
        post?: never;
        /**
         * Archive a case record
         * @description Archives (never erases): the record is hidden from lists and reads unless archived=true is asked for.
         */
        delete: operations["DefendersController_archive"];
        options?: never;
        head?: never;
        /**
         * Edit a case record
         * @description Partial update. Needs If-Match with the version you read; a stale version changes nothing and answers 412. Only coordinators and admins may send access: from a caseworker it is refused whole (403 naming the field, audited).
         */
        patch: operations["DefendersController_update"];
        trace?: never;
    };
    "/api/v1/defenders/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The detention timeline
         * @description All events in date order (scheduled ones flagged).
         */
        get: operations["EventsController_list"];
        put?: never;
        /**
         * Add a timeline event
         * @description The defender's status, detainedSince and days in detention are re-derived at once.
         */
        post: operations["EventsController_add"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}/events/{eventId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read one timeline event */
        get: operations["EventsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Correct a timeline event
         * @description Needs If-Match with the event's version. The defender's derived fields follow the correction.
         */
        patch: operations["EventsController_update"];
        trace?: never;
    };
    "/api/v1/imports/defenders/template.csv": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The CSV template for importing case records
         * @description The header line (every importable column) and one made-up example row to replace. Contacts and confidential notes have no column: enter them per record.
         */
        get: operations["ImportsController_template"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/imports/defenders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Import case records from a CSV file
         * @description The body is the CSV file itself (Content-Type text/csv, UTF-8). Every row is checked with the same rules as POST /defenders; any problem answers 422 listing each by line and column, and nothing is written. Otherwise all rows are created in one transaction (201) and audited; the same file twice answers 409. dryRun=true checks without writing (200).
         */
        post: operations["ImportsController_importDefenders"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/defenders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export case records (CSV or JSON)
         * @description The records the list would return for the same filters (need-to-know applies; archived only with archived=true), newest first, streamed. Fields as the record view shows them, with the story and the derived status and days in detention; never contacts or confidential notes. CSV cells that a spreadsheet would run as a formula start with an apostrophe. Every export is audited.
         */
        get: operations["ExportsController_defenders"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/escalations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List escalations
         * @description Filters by mechanism, kind, state, defender and due date; newest first.
         */
        get: operations["EscalationsController_list"];
        put?: never;
        /**
         * Start an escalation
         * @description A draft concerning one defender or a group arrested together, to a UN or regional mechanism.
         */
        post: operations["EscalationsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/escalations/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read an escalation
         * @description With its clock (reply due, days left), the steps you may take, and its latest dossier (stale when the case changed since).
         */
        get: operations["EscalationsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit an escalation
         * @description Content, references, owner, source identity, an extension granted. Needs If-Match.
         */
        patch: operations["EscalationsController_update"];
        trace?: never;
    };
    "/api/v1/escalations/{id}/transitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Workflow history
         * @description Every step with its date, note and who took it.
         */
        get: operations["EscalationsController_transitions"];
        put?: never;
        /**
         * Take a workflow step
         * @description Illegal steps get 409 naming the current state (`from`), the step asked (`to`) and the allowed ones (`allowed`); caseworkers draft and send to review, coordinators and admins approve, submit and record UN outcomes. Submission needs every defender's UN-submission consent.
         */
        post: operations["EscalationsController_transition"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/escalations/{id}/transitions/{transitionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Correct a step's date
         * @description The date a step happened, corrected (coordinators and admins; needs the escalation's If-Match). It must lie between the previous step's date and the next one's (422 naming `occurredOn` and that date, `previousStepOn` or `nextStepOn`) and not in the future; the clock (reply, comments and follow-up deadlines) is derived again from it, its milestones follow, and the correction is audited.
         */
        patch: operations["EscalationsController_correctStepDate"];
        trace?: never;
    };
    "/api/v1/escalations/{id}/mandates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Thematic mandates that fit the case (HRC mandate map)
         * @description The Special Procedures mandates suggested from what the record says: the defenders' focus, tags and status, and the events and charges of their timelines (e.g. a journalist charged with false news: freedom of expression; ill-treatment: torture; a disappearance: the WGEID). The Special Rapporteur on human rights defenders comes first, always; the others by the number of reasons. A suggestion: the coordinator chooses the addressees.
         */
        get: operations["EscalationsController_mandates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}/escalations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A defender's escalations */
        get: operations["EscalationsController_forDefender"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/escalations/{id}/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The questionnaire's answers
         * @description Every answer of the escalation's form, section by section, in the mechanism's own wording: drawn from the case record (identity, arrest, detention, domestic steps), overridden on the escalation (who and when), typed as the questionnaire's own answer, or read from the source record and the consent ledger. `drawn` is what the record says, `value` what the dossier says. The address of usual residence only for roles that see sensitive fields; the source's identity never (only whether it is recorded).
         */
        get: operations["QuestionnaireController_answers"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/escalations/{id}/answers/{field}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Override an answer
         * @description Replace an answer drawn from the record with what you type (coordinators and admins). Kept with who and when, audited, shown in the history; the dossier says it from now on. Needs If-Match (the escalation's version). Answers typed on the escalation are changed with PATCH /escalations/:id; the address and the source are corrected where they are kept.
         */
        put: operations["QuestionnaireController_override"];
        post?: never;
        /**
         * Return an answer to the record
         * @description Drop the override: the dossier says again what the record says. Audited. Needs If-Match; 409 when the answer is not overridden.
         */
        delete: operations["QuestionnaireController_returnToRecord"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/escalations/{id}/completeness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the mechanism still needs
         * @description What the escalation's form requires before a dossier of the edition is generated, each item in words ("date of arrest", "domestic remedies or why not"), met or not, for each person where it is theirs; required items missing make a request answer 422 unless it acknowledges them, recommended ones (and a summary past the word limit) are warnings.
         */
        get: operations["QuestionnaireController_completeness"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/escalations/{id}/annexes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An escalation's annexes
         * @description The documents chosen to go with its dossiers, in order, each with the version pinned when it was chosen and its latest version. Only those you may see (confidential documents for assigned caseworkers, coordinators and admins); deleted documents drop out. The ETag is the escalation's.
         */
        get: operations["AnnexesController_get"];
        /**
         * Choose an escalation's annexes
         * @description Replaces the list with `documentIds`, in order (at most 30, each once, each a live document of one of the escalation's defenders that you may see; every one that is not is named as documentIds[i]). Each is pinned to its latest version when first chosen; `refreshVersions` re-pins all to their latest. Needs If-Match with the escalation's ETag, which a change moves on. A dossier requested afterwards lists these annexes and its bundle holds them. Audited (escalation.annexes).
         */
        put: operations["AnnexesController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/escalations/{id}/dossiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An escalation's dossiers
         * @description Every version, newest first.
         */
        get: operations["DossiersController_list"];
        put?: never;
        /**
         * Request a dossier
         * @description Answers 202 with the dossier queued; the worker renders it. A submission edition needs every defender's UN-submission consent (409 otherwise). Then the mechanism's required answers for the edition (the public edition's list is shorter): with one missing, 422 problem+json whose `missing` lists each in words, unless acknowledgeIncomplete is true. The version number and file name are fixed now.
         */
        post: operations["DossiersController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dossiers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A dossier
         * @description Its state, and whether the case changed since it was made (stale).
         */
        get: operations["DossiersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dossiers/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a dossier
         * @description The file with its Content-Type, a meaningful file name and its SHA-256 in X-Content-SHA256. Submission downloads are audited; viewers may download only public editions (403).
         */
        get: operations["DossiersController_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/dossiers/{id}/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a dossier with its annexes (ZIP)
         * @description A ZIP, streamed: `00-<the dossier's file name>` and each annex the dossier lists as `NN-<its title>.<ext>` (NN its annex number), decrypted, in the version pinned when the dossier was requested. Who may download the dossier may download its bundle (viewers: public editions only, 403 otherwise); a bundle holding a confidential document needs the right to see it (403). A public edition never holds a confidential document. An annex deleted (or, for a public edition, made confidential) since the dossier was made is left out and named in withdrawn-annexes.txt. Audited as a dossier download (part: bundle), and each confidential annex as a document download.
         */
        get: operations["DossiersController_bundle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A case's documents
         * @description Newest first, each with its latest version (keyset-paginated: follow nextCursor). Confidential documents only for assigned caseworkers, coordinators and admins; deleted ones never.
         */
        get: operations["DocumentsController_list"];
        put?: never;
        /**
         * Upload a document
         * @description multipart/form-data: the file in a part named `file`, and text parts title, kind (required), language, date, confidential, sourceIdentity, eventId, escalationId, allowDuplicate. The type is taken from the content (PDF, JPEG, PNG, WebP, DOCX, ODT, UTF-8 text; anything else 415); photos are re-encoded without EXIF/GPS/XMP metadata and get a thumbnail; PDF, office and text files are scanned by ClamAV when configured (infected: 422 naming the signature; scanner configured but unreachable or too slow: the file is kept with scan `pending`, answered 202, and its content is refused with 409 until the worker has scanned it; clamd answering with an error: 503). The same file already on the case answers 409 with `duplicateOf` unless allowDuplicate=true. Content is encrypted before it is stored.
         */
        post: operations["DocumentsController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A document
         * @description Its description and latest version; sourceIdentity for caseworkers, coordinators and admins. The ETag carries the version for If-Match.
         */
        get: operations["DocumentsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a document
         * @description Soft: it disappears from lists and reads (404), its files and rows are kept, and the deletion is audited.
         */
        delete: operations["DocumentsController_remove"];
        options?: never;
        head?: never;
        /**
         * Edit a document
         * @description Partial update of title, kind, language, date, confidential, sourceIdentity, eventId, escalationId; needs If-Match. Only assigned caseworkers, coordinators and admins may mark it confidential (403).
         */
        patch: operations["DocumentsController_update"];
        trace?: never;
    };
    "/api/v1/documents/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a document
         * @description The file (latest version, or ?version=N), decrypted as it streams: Content-Type from the content, Content-Disposition: attachment, X-Content-Type-Options: nosniff, X-Content-SHA256. Every download of a confidential document is audited. A version waiting for the virus check (scan pending) or quarantined answers 409 naming its state in `scan`.
         */
        get: operations["DocumentsController_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/thumbnail": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A photo's thumbnail
         * @description At most 320x320 pixels, WebP, without metadata (404 for documents that are not photos). Audited for confidential documents, as downloads are. 409 naming the state while the version waits for the virus check or once quarantined.
         */
        get: operations["DocumentsController_thumbnail"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/documents/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A document's versions
         * @description Every version, newest first (download one with /content?version=N).
         */
        get: operations["DocumentsController_versions"];
        put?: never;
        /**
         * Upload a new version
         * @description multipart/form-data with the file in a part named `file` (and optionally allowDuplicate). The same intake rules as an upload; earlier versions are kept. If-Match is optional: when sent, a stale version answers 412.
         */
        post: operations["DocumentsController_addVersion"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List partners
         * @description By name; without contact persons.
         */
        get: operations["SolidarityController_partners"];
        put?: never;
        /**
         * Add a partner organisation
         * @description Members and partners of the alliance; the contact person is encrypted.
         */
        post: operations["SolidarityController_createPartner"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A partner
         * @description With the contact person for roles allowed to see sensitive fields.
         */
        get: operations["SolidarityController_partner"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a partner
         * @description Needs If-Match.
         */
        patch: operations["SolidarityController_updatePartner"];
        trace?: never;
    };
    "/api/v1/solidarity-actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List solidarity actions
         * @description Filter by defender, partner, type, status and dates; newest first.
         */
        get: operations["SolidarityController_actions"];
        put?: never;
        /**
         * Record a solidarity action
         * @description Letters, statements, social-media days, trial monitoring, embassy visits... Only coordinators and admins may make it public (isPublic: true): 403 naming isPublic otherwise.
         */
        post: operations["SolidarityController_createAction"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/solidarity-actions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A solidarity action */
        get: operations["SolidarityController_action"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a solidarity action
         * @description Needs If-Match; e.g. record its reach and outcome when done. isPublic is for coordinators and admins only (403 naming it).
         */
        patch: operations["SolidarityController_updateAction"];
        trace?: never;
    };
    "/api/v1/reports/indicators": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The campaign indicators report
         * @description Figures for a period (default: this year to date), optionally for one country: new profiles, profiles featured, defenders detained at period end, releases (median days detained), releases after an escalation, escalations, WGAD opinions, government replies, reply deadlines missed, solidarity actions and reach, partners supported. Counts only what the caller may see. JSON, or CSV with Accept: text/csv or format=csv (columns period_from, period_to, country, indicator, dimension, key, value; a download named for the period). Each figure links to its drill-down.
         */
        get: operations["ReportsController_indicators"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/indicators/{name}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The records behind one figure
         * @description Same period and country as the report; as many records as the figure counts, ordered by date then id, keyset-paginated (follow nextCursor). Unknown indicator: 404.
         */
        get: operations["ReportsController_records"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}/publication": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A defender's publication
         * @description The public edition a coordinator approved, whether the public feed shows it now (`live`) and, if not, why (`blockers`). 404 until one is saved.
         */
        get: operations["PublicationController_get"];
        /**
         * Feature, edit or unpublish a profile (coordinators, admins)
         * @description Creates the publication (no If-Match, or If-None-Match: *) or changes it (If-Match with its ETag). Fields left out keep their value; null clears publicStory or photo. featured=true needs the current public_profile consent (and photo consent for a photo) and a case with standard access, else 409 with `code` (consent_required with `purpose`, defender_restricted, defender_archived). featured=false unpublishes at once.
         */
        put: operations["PublicationController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}/publication/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Preview the public profile
         * @description The saved publication exactly as the public feed shows it (or would, once featured): built by the same code, with the same allow-list of fields. Save it with featured=false to preview before featuring.
         */
        get: operations["PublicationController_preview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}/publication/preview/photo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The preview's photo
         * @description The copy of the chosen photo document the public feed serves (or would, once the profile is featured): the same resized WebP without metadata. 404 when the preview shows no photo from the documents (none chosen, no photo consent in force, or the document deleted, confidential or no longer a photo). Not cached (Cache-Control: private, no-store).
         */
        get: operations["PublicationController_previewPhoto"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/defenders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Featured defenders
         * @description Featured profiles, most recently published first; filter by country and focus; keyset-paginated (cursor).
         */
        get: operations["PublicController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/defenders.atom": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Atom feed of featured defenders
         * @description Atom 1.0: one entry per featured profile (up to 100, most recently updated first), linking to its public address.
         */
        get: operations["PublicController_atom"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/defenders/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A featured defender
         * @description One featured profile by its public address. The same 404 whether the profile never existed or is no longer published.
         */
        get: operations["PublicController_profile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/public/v1/defenders/{slug}/photo": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A featured defender's photo
         * @description The photo chosen from the case's documents, as the profile's photo.url names it: a copy at most 800 pixels on its longest side, encoded again as WebP with no metadata at all (no EXIF, GPS, XMP or ICC profile). Served only while the profile is featured, the photo consent is in force and the document is a live, non-confidential photo; otherwise, and for a `v` that is not the current token, the same 404. Strong ETag, the feed's Cache-Control, X-Content-Type-Options: nosniff.
         */
        get: operations["PublicController_photo"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}/assignees": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Caseworkers assigned to a case
         * @description Assignment is what opens a restricted case to a caseworker.
         */
        get: operations["CaseAccessController_assignees"];
        put?: never;
        /** Assign a caseworker (coordinator, admin) */
        post: operations["CaseAccessController_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}/assignees/{userId}": {
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
         * Unassign a caseworker (coordinator, admin)
         * @description On a restricted case, they lose access at once.
         */
        delete: operations["CaseAccessController_unassign"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}/consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The consent ledger
         * @description Every entry, and the consent in force per purpose.
         */
        get: operations["CaseAccessController_ledger"];
        put?: never;
        /**
         * Record a consent decision
         * @description A new entry (given, refused or revoked); entries are never edited or deleted. A revocation takes effect at once.
         */
        post: operations["CaseAccessController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/defenders/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * History of a case
         * @description Audit events about this defender, newest first; sensitive values redacted.
         */
        get: operations["CaseAccessController_history"];
        put?: never;
        post?: never;
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
         * The audit trail (admin)
         * @description Every change, sign-in, denial and read of a restricted case; newest first.
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
    "/api/v1/milestones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List milestones
         * @description By due date (keyset-paginated: follow nextCursor). Only milestones of cases the caller can see, and general ones.
         */
        get: operations["MilestonesController_list"];
        put?: never;
        /**
         * Create a milestone
         * @description Plans one reminder per offset x recipient x channel. dueAt must carry a zone or offset.
         */
        post: operations["MilestonesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/milestones/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read a milestone
         * @description The ETag carries the version to send in If-Match.
         */
        get: operations["MilestonesController_get"];
        put?: never;
        post?: never;
        /**
         * Cancel a milestone
         * @description Cancels (never erases): the milestone stays on record as cancelled and its pending reminders are cancelled.
         */
        delete: operations["MilestonesController_cancel"];
        options?: never;
        head?: never;
        /**
         * Edit a milestone
         * @description Partial update; needs If-Match. Moving dueAt reschedules pending reminders; done or cancelled cancels them. A derived milestone refuses changes to what follows its source (409).
         */
        patch: operations["MilestonesController_update"];
        trace?: never;
    };
    "/api/v1/defenders/{id}/milestones": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A case's milestones
         * @description The same filters as the milestone list, for one case (404 if it is not visible).
         */
        get: operations["MilestonesController_forDefender"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My in-app notifications
         * @description Newest first, keyset-paginated (follow nextCursor). unread=true for the unread ones. One about a case you may no longer see is withheld (withheld: true; no title, text, link or ids).
         */
        get: operations["NotificationsController_inbox"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mark all my notifications read */
        post: operations["NotificationsController_readAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark one of my notifications read
         * @description Idempotent. Someone else's notification answers 404.
         */
        post: operations["NotificationsController_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/notification-preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My reminder preferences
         * @description Channels, webhook URL (never its secret) and daily digest hour.
         */
        get: operations["NotificationsController_preferences"];
        /**
         * Set my reminder preferences
         * @description Replaces them. Setting a webhook URL for the first time, or regenerateWebhookSecret=true, returns the signing secret once. Pending reminders are re-planned for the new channels.
         */
        put: operations["NotificationsController_setPreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log (coordinators, admins)
         * @description Reminder deliveries, most recently changed first; status=failed lists those that failed after their retries.
         */
        get: operations["NotificationsController_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me/calendar-feed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * My calendar feed
         * @description Whether you have a working feed URL, when it was created, rotated and last fetched, and its options. Never the URL: only a hash of its secret is kept.
         */
        get: operations["MyCalendarFeedController_get"];
        put?: never;
        /**
         * Create or rotate my calendar feed
         * @description Issues a new private iCalendar URL with your milestones and the UN calendar, and returns it this once. If you had one, its old URL stops working at once (rotation). includeNames (default false) shows the names of defenders of standard cases; restricted cases are never named.
         */
        post: operations["MyCalendarFeedController_issue"];
        /**
         * Revoke my calendar feed
         * @description Its URL answers 404 from now on (calendars subscribed to it stop updating). Idempotent.
         */
        delete: operations["MyCalendarFeedController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/calendar-feeds/{secret}.ics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A private calendar feed (iCalendar)
         * @description RFC 5545: your milestones from 30 days ago to a year ahead (as you may see them now) and the UN calendar, each deadline as its own all-day event. No sensitive field, no milestone notes, never the name of a restricted case. Subscribe to it from Outlook, Google Calendar or Thunderbird.
         */
        get: operations["CalendarFeedController_feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description The Prometheus text exposition of this api process: HTTP latency and errors by route, queue depths, outbox backlog, reminders due, database pool use. Admins only. When METRICS_PORT is set the metrics are served on that port instead and this route answers 404.
         */
        get: operations["MetricsController_scrape"];
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
        DependencyStatusDto: {
            /**
             * @description up or down.
             * @enum {string}
             */
            status: "up" | "down";
            /**
             * @description Why it is down.
             * @example timeout
             */
            message?: string;
            /**
             * @description virusScans: document versions kept while ClamAV was unreachable, not scanned yet.
             * @example 0
             */
            pending?: number;
            /**
             * @description virusScans: seconds the oldest of them has waited (0 when none).
             * @example 0
             */
            oldestPendingSeconds?: number;
        };
        LivenessResponse: {
            /**
             * @description Always ok while the process answers.
             * @enum {string}
             */
            status: "ok";
        };
        ReadinessResponse: {
            /**
             * @description ok when every dependency is up.
             * @enum {string}
             */
            status: "ok";
            /**
             * @description The dependencies that are up, by name (postgres, redis, virusScans).
             * @example {
             *       "postgres": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "status": "up"
             *       }
             *     }
             */
            info: {
                [key: string]: components["schemas"]["DependencyStatusDto"];
            };
            /**
             * @description The dependencies that are down, by name (empty when ready).
             * @example {}
             */
            error: {
                [key: string]: components["schemas"]["DependencyStatusDto"];
            };
            /**
             * @description Every dependency, by name.
             * @example {
             *       "postgres": {
             *         "status": "up"
             *       },
             *       "redis": {
             *         "status": "up"
             *       }
             *     }
             */
            details: {
                [key: string]: components["schemas"]["DependencyStatusDto"];
            };
        };
        LoginDto: {
            /**
             * @description Account email (case-insensitive).
             * @example caseworker@example.org
             */
            email: string;
            /**
             * Format: password
             * @description Password.
             */
            password: string;
            /** @description Current 6-digit TOTP code, or a recovery code, when the account has a second factor. */
            totp?: string;
        };
        LoginResponse: {
            /** @description Opaque bearer token (256 random bits). Send as Authorization: Bearer <token>. */
            token: string;
            /**
             * Format: date-time
             * @description Absolute end of the session (it also ends after the idle timeout).
             */
            expiresAt: string;
            /** @description True when the account must enrol a second factor before anything else. */
            mfaEnrolmentRequired: boolean;
        };
        UserResponse: {
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /** @description Email (lower-cased). */
            email: string;
            /** @description Display name. */
            name: string;
            /**
             * @description Role.
             * @enum {string}
             */
            role: "admin" | "coordinator" | "caseworker" | "viewer";
            /** @description IANA time zone. */
            timeZone: string;
            /** @description False once deactivated. */
            active: boolean;
            /** @description Whether a TOTP second factor is active. */
            mfaEnabled: boolean;
            /** @description Record version. */
            version: number;
            /**
             * Format: date-time
             * @description Created at.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last changed at.
             */
            updatedAt: string;
        };
        MfaEnrolResponse: {
            /** @description Base32 secret to type into an authenticator app (shown once). */
            secret: string;
            /** @description otpauth:// URI (render it as a QR code). */
            otpauthUri: string;
        };
        TotpDto: {
            /**
             * @description The 6-digit code shown by the authenticator app.
             * @example 123456
             */
            totp: string;
        };
        MfaConfirmResponse: {
            /** @description Single-use recovery codes, shown once: store them safely. */
            recoveryCodes: string[];
        };
        CreateUserDto: {
            /** @description Email, unique regardless of case. */
            email: string;
            /** @description Display name (1-200 characters). */
            name: string;
            /**
             * @description Role: admin, coordinator, caseworker or viewer.
             * @enum {string}
             */
            role: "admin" | "coordinator" | "caseworker" | "viewer";
            /**
             * @description IANA time zone for reminders, e.g. Africa/Nairobi.
             * @default UTC
             */
            timeZone?: string;
            /**
             * Format: password
             * @description Initial password: 12-256 characters, not a common or guessable one.
             */
            password: string;
        };
        UpdateUserDto: {
            /** @description Display name. */
            name?: string;
            /**
             * @description New role (takes effect at once: the user's sessions end).
             * @enum {string}
             */
            role?: "admin" | "coordinator" | "caseworker" | "viewer";
            /** @description IANA time zone. */
            timeZone?: string;
        };
        CalendarDeadlineDto: {
            /**
             * @description What is due. HRC: written_statement, side_event_request, oral_statement_registration; WGAD: case_cutoff; UPR: stakeholder_submission; regional: submission; any: other.
             * @enum {string}
             */
            kind: "written_statement" | "side_event_request" | "oral_statement_registration" | "case_cutoff" | "stakeholder_submission" | "submission" | "other";
            /**
             * Format: date
             * @description The day it is due (YYYY-MM-DD), not after the session ends.
             */
            dueOn: string;
            /**
             * @description For one state only (ISO 3166-1 alpha-2, among the entry's countries), e.g. a UPR stakeholder submission deadline per state under review. Omit for all.
             * @example BD
             */
            country?: string | null;
            /** @description Own wording (up to 200 characters). */
            label?: string | null;
        };
        CreateCalendarEntryDto: {
            /**
             * @description What kind of session.
             * @enum {string}
             */
            kind: "hrc_session" | "wgad_session" | "upr_session" | "regional_session";
            /** @description The session number (HRC 64, WGAD 108, UPR 50). Unique per kind (and body): importing the same session again updates it. */
            number?: number | null;
            /**
             * @description Required for a regional session, refused otherwise.
             * @enum {string|null}
             */
            body?: "achpr" | "iachr" | "other" | null;
            /**
             * @description Title (1-300 characters).
             * @example Human Rights Council, 64th regular session
             */
            title: string;
            /**
             * Format: date
             * @description First day (YYYY-MM-DD).
             */
            startsOn: string;
            /**
             * Format: date
             * @description Last day (YYYY-MM-DD), not before startsOn.
             */
            endsOn: string;
            /** @description Where (up to 200 characters). */
            location?: string | null;
            /**
             * @description ISO 3166-1 alpha-2 codes: the states under review (UPR, required), or the states concerned (regional, optional). At most 60.
             * @example [
             *       "BD",
             *       "TD"
             *     ]
             */
            countries?: string[];
            /** @description Deadlines (at most 60); one per kind and state. */
            deadlines?: components["schemas"]["CalendarDeadlineDto"][];
            /** @description Notes (up to 10,000 characters). */
            notes?: string | null;
            /** @description Where the dates were published (http or https), so anyone can check them. */
            sourceUrl?: string | null;
            /**
             * @description Demo data, to be checked against the published calendar.
             * @default false
             */
            sample?: boolean;
        };
        CalendarDeadlineResponse: {
            /**
             * Format: uuid
             * @description Id (uuid).
             */
            id: string;
            /**
             * @description Kind.
             * @enum {string}
             */
            kind: "written_statement" | "side_event_request" | "oral_statement_registration" | "case_cutoff" | "stakeholder_submission" | "submission" | "other";
            /**
             * Format: date
             * @description Due day (YYYY-MM-DD).
             */
            dueOn: string;
            /** @description ISO 3166-1 alpha-2 code, or null. */
            country: string | null;
            /** @description Own wording, or null. */
            label: string | null;
        };
        CalendarEntryResponse: {
            /**
             * Format: uuid
             * @description Id (uuid).
             */
            id: string;
            /**
             * @description Kind.
             * @enum {string}
             */
            kind: "hrc_session" | "wgad_session" | "upr_session" | "regional_session";
            /** @description Session number, or null. */
            number: number | null;
            /**
             * @description Regional body (regional sessions), else null.
             * @enum {string|null}
             */
            body: "achpr" | "iachr" | "other" | null;
            /** @description Title. */
            title: string;
            /**
             * Format: date
             * @description First day.
             */
            startsOn: string;
            /**
             * Format: date
             * @description Last day.
             */
            endsOn: string;
            /** @description Where, or null. */
            location: string | null;
            /** @description States under review or concerned (ISO alpha-2). */
            countries: string[];
            /** @description Deadlines, by day. */
            deadlines: components["schemas"]["CalendarDeadlineResponse"][];
            /** @description Notes, or null. */
            notes: string | null;
            /** @description Where the dates were published, or null. */
            sourceUrl: string | null;
            /** @description Demo data, to be checked against the published calendar. */
            sample: boolean;
            /** @description Version (send in If-Match). */
            version: number;
            /**
             * Format: date-time
             * @description Created at.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last changed at.
             */
            updatedAt: string;
        };
        CalendarPageResponse: {
            /** @description By first day, then id. */
            data: components["schemas"]["CalendarEntryResponse"][];
            /** @description Null on the last page. */
            nextCursor: string | null;
        };
        UpdateCalendarEntryDto: {
            /**
             * @description What kind of session.
             * @enum {string}
             */
            kind?: "hrc_session" | "wgad_session" | "upr_session" | "regional_session";
            /** @description The session number (HRC 64, WGAD 108, UPR 50). Unique per kind (and body): importing the same session again updates it. */
            number?: number | null;
            /**
             * @description Required for a regional session, refused otherwise.
             * @enum {string|null}
             */
            body?: "achpr" | "iachr" | "other" | null;
            /**
             * @description Title (1-300 characters).
             * @example Human Rights Council, 64th regular session
             */
            title?: string;
            /**
             * Format: date
             * @description First day (YYYY-MM-DD).
             */
            startsOn?: string;
            /**
             * Format: date
             * @description Last day (YYYY-MM-DD), not before startsOn.
             */
            endsOn?: string;
            /** @description Where (up to 200 characters). */
            location?: string | null;
            /**
             * @description ISO 3166-1 alpha-2 codes: the states under review (UPR, required), or the states concerned (regional, optional). At most 60.
             * @example [
             *       "BD",
             *       "TD"
             *     ]
             */
            countries?: string[];
            /** @description Deadlines (at most 60); one per kind and state. */
            deadlines?: components["schemas"]["CalendarDeadlineDto"][];
            /** @description Notes (up to 10,000 characters). */
            notes?: string | null;
            /** @description Where the dates were published (http or https), so anyone can check them. */
            sourceUrl?: string | null;
            /**
             * @description Demo data, to be checked against the published calendar.
             * @default false
             */
            sample?: boolean;
        };
        OpportunityDefender: {
            /**
             * Format: uuid
             * @description Id (uuid).
             */
            id: string;
            /** @description Full name. */
            fullName: string;
            /** @description ISO 3166-1 alpha-2 code, or null. */
            country: string;
            /** @description Derived detention status. */
            status: string;
            /**
             * @description Access level.
             * @enum {string}
             */
            access: "standard" | "restricted";
            /**
             * Format: date
             * @description Detained since (current episode), or null.
             */
            detainedSince: string | null;
        };
        OpportunityEscalation: {
            /**
             * Format: uuid
             * @description Id (uuid).
             */
            id: string;
            /** @description Kind. */
            kind: string;
            /** @description Workflow state. */
            state: string;
            /**
             * Format: uuid
             * @description Owner (user id), or null.
             */
            ownerId: string | null;
            /**
             * Format: date
             * @description Government reply due (WGAD), or null.
             */
            replyDueOn: string | null;
            /** @description HRC session it is flagged for, or null. */
            hrcSession: string | null;
        };
        OpportunityResponse: {
            /** @description The case. */
            defender: components["schemas"]["OpportunityDefender"];
            /**
             * @description Which rule made the case fit.
             * @enum {string}
             */
            reason: "upr_state_under_review" | "wgad_decidable" | "hrc_flagged" | "regional_open_communication";
            /** @description The rule, in words. */
            reasonText: string;
            /** @description The escalations that make it fit (none for a UPR state under review). */
            escalations: components["schemas"]["OpportunityEscalation"][];
            /** @description Deadlines, by day. */
            deadlines: components["schemas"]["CalendarDeadlineResponse"][];
        };
        OpportunityPageResponse: {
            /** @description The calendar entry. */
            entry: components["schemas"]["CalendarEntryResponse"];
            /** @description By defender name, then id. */
            data: components["schemas"]["OpportunityResponse"][];
            /** @description Cursor for the next page; null on the last. */
            nextCursor: string | null;
        };
        FieldErrorDto: {
            /** @description Path of the offending field, e.g. `fullName` or `contacts[0].email`. */
            field: string;
            /** @description Why the value was refused. */
            message: string;
        };
        ProblemDto: {
            /** @description URN identifying the kind of problem, or about:blank. */
            type: string;
            /** @description Short summary of the kind of problem. */
            title: string;
            /** @description HTTP status code. */
            status: number;
            /** @description What went wrong with this request, for a person. */
            detail: string;
            /** @description The path of the request. */
            instance?: string;
            /** @description Request id, also in the X-Request-Id header and the logs. */
            requestId: string;
            /** @description For validation problems: each bad field and why. */
            errors?: components["schemas"]["FieldErrorDto"][];
        };
        ContactDto: {
            /** @description Name (1-200 characters). */
            name: string;
            /**
             * @description Relation to the defender.
             * @enum {string}
             */
            relation: "family" | "lawyer" | "colleague" | "other";
            /** @description Phone number (up to 50 characters). */
            phone?: string | null;
            /** @description Email address. */
            email?: string | null;
            /** @description Notes (up to 1,000 characters). */
            notes?: string | null;
        };
        CreateDefenderDto: {
            /**
             * @description Full name as used in the case (1-200 characters).
             * @example Amina Haddad
             */
            fullName: string;
            /**
             * @description Family name(s), apart from the given names, as the UN questionnaires ask (up to 200 characters). Left empty, a dossier says "Not known" rather than guess it from the full name.
             * @example Haddad
             */
            familyName?: string | null;
            /**
             * @description Given name(s) (up to 200 characters).
             * @example Amina
             */
            givenNames?: string | null;
            /**
             * @description Other names, transliterations and aliases (up to 20, each up to 200 characters).
             * @example [
             *       "أمينة حداد"
             *     ]
             */
            otherNames?: string[];
            /**
             * @description Sex, as the defender describes it.
             * @enum {string|null}
             */
            sex?: "female" | "male" | "non_binary" | "other" | "undisclosed" | null;
            /**
             * Format: date
             * @description Date of birth (YYYY-MM-DD), when known. Sets birthYear.
             * @example 1988-04-12
             */
            birthDate?: string | null;
            /**
             * @description Year of birth, when only the year (or age) is known.
             * @example 1988
             */
            birthYear?: number | null;
            /**
             * @description Every nationality, ISO 3166-1 alpha-2 codes (up to 5), the principal first. Empty when not known.
             * @example [
             *       "EG",
             *       "FR"
             *     ]
             */
            nationalities?: string[];
            /**
             * @deprecated
             * @description One nationality (ISO 3166-1 alpha-2), as before `nationalities`: still accepted on writes (it sets nationalities to that one; null clears them) and shown as the first of `nationalities`. Do not send both.
             */
            nationality?: string | null;
            /**
             * @description Country where the defender is detained, ISO 3166-1 alpha-2 code.
             * @example EG
             */
            country: string;
            /**
             * @description Profession (up to 200 characters).
             * @example Journalist
             */
            profession?: string | null;
            /** @description Organisation the defender works with (up to 200 characters). */
            organisation?: string | null;
            /** @description The human rights work believed to be the reason for the arrest, in words (up to 2,000 characters): the questionnaires ask for profession and activity. */
            hrdActivity?: string | null;
            /** @description Areas of human rights work. */
            hrdFocus?: ("journalist" | "lawyer" | "environmental" | "land_rights" | "womens_rights" | "lgbtqi_rights" | "labour_rights" | "student" | "indigenous_rights" | "minority_rights" | "pro_democracy" | "other")[];
            /** @description Short plain-text summary of the case (up to 1,000 characters). */
            summary?: string | null;
            /** @description The story, in Markdown (up to 50,000 characters). Not returned in lists. */
            story?: string | null;
            /**
             * @description Assessed risk to the defender.
             * @enum {string|null}
             */
            riskLevel?: "low" | "medium" | "high" | "critical" | null;
            /**
             * @description standard: visible to all staff; restricted: need-to-know only. A caseworker may open a case as restricted (and is assigned to it); changing the access of an existing case is for coordinators and admins only (403 naming access).
             * @default standard
             * @enum {string}
             */
            access?: "standard" | "restricted";
            /**
             * @description Free tags for grouping cases (up to 30, each 1-50 letters, digits, spaces or _ . : / -).
             * @example [
             *       "group:2024-cairo-13"
             *     ]
             */
            tags?: string[];
            /** @description Contacts of family, lawyers and colleagues (up to 20). Sensitive: encrypted at rest, shown only to caseworkers, coordinators and admins, never in lists or logs. */
            contacts?: components["schemas"]["ContactDto"][] | null;
            /** @description Confidential notes (up to 20,000 characters). Sensitive: encrypted at rest, never in lists or logs. */
            confidentialNotes?: string | null;
            /** @description Address of usual residence (up to 1,000 characters), as the WGAD questionnaire asks. Sensitive: encrypted at rest, shown only to caseworkers, coordinators and admins on a single record, and only in the submission edition of a UN dossier; never in lists, exports or public output. */
            usualAddress?: string | null;
        };
        DefenderResponse: {
            /**
             * @description Full name as used in the case (1-200 characters).
             * @example Amina Haddad
             */
            fullName: string;
            /**
             * @description Family name(s), apart from the given names, as the UN questionnaires ask (up to 200 characters). Left empty, a dossier says "Not known" rather than guess it from the full name.
             * @example Haddad
             */
            familyName?: string | null;
            /**
             * @description Given name(s) (up to 200 characters).
             * @example Amina
             */
            givenNames?: string | null;
            /**
             * @description Other names, transliterations and aliases (up to 20, each up to 200 characters).
             * @example [
             *       "أمينة حداد"
             *     ]
             */
            otherNames?: string[];
            /**
             * @description Sex, as the defender describes it.
             * @enum {string|null}
             */
            sex?: "female" | "male" | "non_binary" | "other" | "undisclosed" | null;
            /**
             * Format: date
             * @description Date of birth (YYYY-MM-DD), when known. Sets birthYear.
             * @example 1988-04-12
             */
            birthDate?: string | null;
            /**
             * @description Year of birth, when only the year (or age) is known.
             * @example 1988
             */
            birthYear?: number | null;
            /**
             * @description Every nationality, ISO 3166-1 alpha-2 codes (up to 5), the principal first. Empty when not known.
             * @example [
             *       "EG",
             *       "FR"
             *     ]
             */
            nationalities?: string[];
            /**
             * @deprecated
             * @description One nationality (ISO 3166-1 alpha-2), as before `nationalities`: still accepted on writes (it sets nationalities to that one; null clears them) and shown as the first of `nationalities`. Do not send both.
             */
            nationality?: string | null;
            /**
             * @description Country where the defender is detained, ISO 3166-1 alpha-2 code.
             * @example EG
             */
            country: string;
            /**
             * @description Profession (up to 200 characters).
             * @example Journalist
             */
            profession?: string | null;
            /** @description Organisation the defender works with (up to 200 characters). */
            organisation?: string | null;
            /** @description The human rights work believed to be the reason for the arrest, in words (up to 2,000 characters): the questionnaires ask for profession and activity. */
            hrdActivity?: string | null;
            /** @description Areas of human rights work. */
            hrdFocus?: ("journalist" | "lawyer" | "environmental" | "land_rights" | "womens_rights" | "lgbtqi_rights" | "labour_rights" | "student" | "indigenous_rights" | "minority_rights" | "pro_democracy" | "other")[];
            /** @description Short plain-text summary of the case (up to 1,000 characters). */
            summary?: string | null;
            /** @description The story, in Markdown (up to 50,000 characters). Not returned in lists. */
            story?: string | null;
            /**
             * @description Assessed risk to the defender.
             * @enum {string|null}
             */
            riskLevel?: "low" | "medium" | "high" | "critical" | null;
            /**
             * @description standard: visible to all staff; restricted: need-to-know only. A caseworker may open a case as restricted (and is assigned to it); changing the access of an existing case is for coordinators and admins only (403 naming access).
             * @default standard
             * @enum {string}
             */
            access?: "standard" | "restricted";
            /**
             * @description Free tags for grouping cases (up to 30, each 1-50 letters, digits, spaces or _ . : / -).
             * @example [
             *       "group:2024-cairo-13"
             *     ]
             */
            tags?: string[];
            /** @description Contacts of family, lawyers and colleagues (up to 20). Sensitive: encrypted at rest, shown only to caseworkers, coordinators and admins, never in lists or logs. */
            contacts?: components["schemas"]["ContactDto"][] | null;
            /** @description Confidential notes (up to 20,000 characters). Sensitive: encrypted at rest, never in lists or logs. */
            confidentialNotes?: string | null;
            /** @description Address of usual residence (up to 1,000 characters), as the WGAD questionnaire asks. Sensitive: encrypted at rest, shown only to caseworkers, coordinators and admins on a single record, and only in the submission edition of a UN dossier; never in lists, exports or public output. */
            usualAddress?: string | null;
            /** @description The consent in force per purpose (public_profile, photo, un_submission, name_family_members, public_un_document): { state, granted, since, expiresOn }. Single record only. */
            consents?: {
                [key: string]: components["schemas"]["CurrentConsentResponse"];
            };
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /**
             * @description Current status, derived from the timeline.
             * @enum {string}
             */
            status: "detained" | "house_arrest" | "conditionally_released" | "released" | "disappeared" | "deceased" | "unknown";
            /**
             * Format: date
             * @description Start of the current detention episode, derived.
             */
            detainedSince: string | null;
            /** @description Days in the current episode (from its start to today), derived. */
            daysDetained: number | null;
            /** @description Days in detention over all episodes, derived. */
            totalDaysDetained: number;
            /**
             * Format: date-time
             * @description When the timeline last changed.
             */
            lastEventAt: string | null;
            /**
             * Format: date-time
             * @description When the record was archived; null when active.
             */
            archivedAt: string | null;
            /** @description Version for If-Match (also in the ETag header). */
            version: number;
            /**
             * Format: date-time
             * @description Created at.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last edited at.
             */
            updatedAt: string;
        };
        DefenderListItemResponse: {
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /** @description The display name. */
            fullName: string;
            /** @description Country of detention (ISO 3166-1 alpha-2). */
            country: string;
            /**
             * @description Current status, derived from the timeline.
             * @enum {string}
             */
            status: "detained" | "house_arrest" | "conditionally_released" | "released" | "disappeared" | "deceased" | "unknown";
            /**
             * Format: date
             * @description Start of the current detention episode, derived.
             */
            detainedSince: string | null;
            /** @description Days in the current episode (from its start to today), derived. */
            daysDetained: number | null;
            /**
             * @description Risk level.
             * @enum {string|null}
             */
            riskLevel: "low" | "medium" | "high" | "critical" | null;
            /**
             * @description Who may know of the case.
             * @enum {string}
             */
            access: "standard" | "restricted";
            /**
             * Format: date-time
             * @description When the record was archived; null when active.
             */
            archivedAt: string | null;
            /** @description Version for If-Match. */
            version: number;
            /**
             * Format: date-time
             * @description Last edited at.
             */
            updatedAt: string;
        };
        DefenderPageResponse: {
            /** @description This page of cases, as a list shows them (the whole record is on the detail route). */
            data: components["schemas"]["DefenderListItemResponse"][];
            /** @description Cursor for the next page; null on the last page. */
            nextCursor: string | null;
            /** @description The next page: this request with its cursor (a path and query); null on the last page. */
            next: string | null;
        };
        UpdateDefenderDto: {
            /**
             * @description Full name as used in the case (1-200 characters).
             * @example Amina Haddad
             */
            fullName?: string;
            /**
             * @description Family name(s), apart from the given names, as the UN questionnaires ask (up to 200 characters). Left empty, a dossier says "Not known" rather than guess it from the full name.
             * @example Haddad
             */
            familyName?: string | null;
            /**
             * @description Given name(s) (up to 200 characters).
             * @example Amina
             */
            givenNames?: string | null;
            /**
             * @description Other names, transliterations and aliases (up to 20, each up to 200 characters).
             * @example [
             *       "أمينة حداد"
             *     ]
             */
            otherNames?: string[];
            /**
             * @description Sex, as the defender describes it.
             * @enum {string|null}
             */
            sex?: "female" | "male" | "non_binary" | "other" | "undisclosed" | null;
            /**
             * Format: date
             * @description Date of birth (YYYY-MM-DD), when known. Sets birthYear.
             * @example 1988-04-12
             */
            birthDate?: string | null;
            /**
             * @description Year of birth, when only the year (or age) is known.
             * @example 1988
             */
            birthYear?: number | null;
            /**
             * @description Every nationality, ISO 3166-1 alpha-2 codes (up to 5), the principal first. Empty when not known.
             * @example [
             *       "EG",
             *       "FR"
             *     ]
             */
            nationalities?: string[];
            /**
             * @deprecated
             * @description One nationality (ISO 3166-1 alpha-2), as before `nationalities`: still accepted on writes (it sets nationalities to that one; null clears them) and shown as the first of `nationalities`. Do not send both.
             */
            nationality?: string | null;
            /**
             * @description Country where the defender is detained, ISO 3166-1 alpha-2 code.
             * @example EG
             */
            country?: string;
            /**
             * @description Profession (up to 200 characters).
             * @example Journalist
             */
            profession?: string | null;
            /** @description Organisation the defender works with (up to 200 characters). */
            organisation?: string | null;
            /** @description The human rights work believed to be the reason for the arrest, in words (up to 2,000 characters): the questionnaires ask for profession and activity. */
            hrdActivity?: string | null;
            /** @description Areas of human rights work. */
            hrdFocus?: ("journalist" | "lawyer" | "environmental" | "land_rights" | "womens_rights" | "lgbtqi_rights" | "labour_rights" | "student" | "indigenous_rights" | "minority_rights" | "pro_democracy" | "other")[];
            /** @description Short plain-text summary of the case (up to 1,000 characters). */
            summary?: string | null;
            /** @description The story, in Markdown (up to 50,000 characters). Not returned in lists. */
            story?: string | null;
            /**
             * @description Assessed risk to the defender.
             * @enum {string|null}
             */
            riskLevel?: "low" | "medium" | "high" | "critical" | null;
            /**
             * @description standard: visible to all staff; restricted: need-to-know only. A caseworker may open a case as restricted (and is assigned to it); changing the access of an existing case is for coordinators and admins only (403 naming access).
             * @default standard
             * @enum {string}
             */
            access?: "standard" | "restricted";
            /**
             * @description Free tags for grouping cases (up to 30, each 1-50 letters, digits, spaces or _ . : / -).
             * @example [
             *       "group:2024-cairo-13"
             *     ]
             */
            tags?: string[];
            /** @description Contacts of family, lawyers and colleagues (up to 20). Sensitive: encrypted at rest, shown only to caseworkers, coordinators and admins, never in lists or logs. */
            contacts?: components["schemas"]["ContactDto"][] | null;
            /** @description Confidential notes (up to 20,000 characters). Sensitive: encrypted at rest, never in lists or logs. */
            confidentialNotes?: string | null;
            /** @description Address of usual residence (up to 1,000 characters), as the WGAD questionnaire asks. Sensitive: encrypted at rest, shown only to caseworkers, coordinators and admins on a single record, and only in the submission edition of a UN dossier; never in lists, exports or public output. */
            usualAddress?: string | null;
        };
        CreateEventDto: {
            /**
             * @description What happened. arrest, rearrest, disappearance and house_arrest open a detention episode (house arrest is a deprivation of liberty); release and conditional_release close it; death ends the timeline. pretrial_extension, incommunicado, lawyer_denied and visit_denied (family visits denied) are facts of the detention; complaint, habeas_corpus, release_request, appeal and hearings are domestic remedies with an outcome.
             * @enum {string}
             */
            type: "arrest" | "charge" | "hearing" | "trial" | "verdict" | "sentence" | "appeal" | "transfer" | "hunger_strike" | "health_concern" | "ill_treatment" | "visit_denied" | "release" | "conditional_release" | "rearrest" | "disappearance" | "death" | "other" | "house_arrest" | "pretrial_extension" | "incommunicado" | "lawyer_denied" | "complaint" | "habeas_corpus" | "release_request";
            /**
             * Format: date
             * @description Date it happened (YYYY-MM-DD). A future date is allowed only for a scheduled hearing, trial or verdict.
             * @example 2024-03-18
             */
            occurredOn: string;
            /** @description What happened, in words (up to 10,000 characters). Searchable. */
            description?: string | null;
            /** @description Where (place of arrest; court; prison a transfer went to; place of house arrest; up to 300 characters). */
            place?: string | null;
            /** @description Authority or force involved (up to 300 characters). */
            authority?: string | null;
            /** @description Law or decision invoked (up to 1,000 characters). */
            legalBasis?: string | null;
            /** @description Charges brought (up to 50, each up to 300 characters). */
            charges?: string[];
            /** @description Sentence handed down (up to 500 characters). */
            sentence?: string | null;
            /** @description The forces who carried out the arrest or hold the person (police, security service; up to 300 characters). */
            forces?: string | null;
            /** @description arrest and rearrest only: was a warrant or other decision by a public authority shown? (null: not known) */
            warrantShown?: boolean | null;
            /** @description arrest and rearrest only: where the person was taken, the first place of detention (up to 300 characters). */
            takenTo?: string | null;
            /**
             * Format: date
             * @description Periods only (incommunicado, lawyer_denied, visit_denied, hunger_strike, house_arrest, pretrial_extension): the last day (YYYY-MM-DD; for pretrial_extension, the date the detention is extended until, which may be ahead). Empty while it lasts.
             */
            endedOn?: string | null;
            /** @description Remedies only (hearing, trial, verdict, appeal, complaint, habeas_corpus, release_request): the result, in words (up to 2,000 characters). */
            outcome?: string | null;
            /**
             * Format: date
             * @description Remedies only: when the result was given (YYYY-MM-DD).
             */
            outcomeOn?: string | null;
            /** @description Where the information comes from (public reference; up to 1,000 characters). */
            source?: string | null;
            /**
             * @description How well the fact is established.
             * @default unverified
             * @enum {string}
             */
            verification?: "unverified" | "corroborated" | "confirmed";
            /** @description Who the information came from (up to 1,000 characters). Sensitive: encrypted at rest, shown only on a single event to caseworkers, coordinators and admins. */
            sourceIdentity?: string | null;
        };
        EventResponse: {
            /**
             * @description What happened. arrest, rearrest, disappearance and house_arrest open a detention episode (house arrest is a deprivation of liberty); release and conditional_release close it; death ends the timeline. pretrial_extension, incommunicado, lawyer_denied and visit_denied (family visits denied) are facts of the detention; complaint, habeas_corpus, release_request, appeal and hearings are domestic remedies with an outcome.
             * @enum {string}
             */
            type: "arrest" | "charge" | "hearing" | "trial" | "verdict" | "sentence" | "appeal" | "transfer" | "hunger_strike" | "health_concern" | "ill_treatment" | "visit_denied" | "release" | "conditional_release" | "rearrest" | "disappearance" | "death" | "other" | "house_arrest" | "pretrial_extension" | "incommunicado" | "lawyer_denied" | "complaint" | "habeas_corpus" | "release_request";
            /**
             * Format: date
             * @description Date it happened (YYYY-MM-DD). A future date is allowed only for a scheduled hearing, trial or verdict.
             * @example 2024-03-18
             */
            occurredOn: string;
            /** @description What happened, in words (up to 10,000 characters). Searchable. */
            description?: string | null;
            /** @description Where (place of arrest; court; prison a transfer went to; place of house arrest; up to 300 characters). */
            place?: string | null;
            /** @description Authority or force involved (up to 300 characters). */
            authority?: string | null;
            /** @description Law or decision invoked (up to 1,000 characters). */
            legalBasis?: string | null;
            /** @description Charges brought (up to 50, each up to 300 characters). */
            charges?: string[];
            /** @description Sentence handed down (up to 500 characters). */
            sentence?: string | null;
            /** @description The forces who carried out the arrest or hold the person (police, security service; up to 300 characters). */
            forces?: string | null;
            /** @description arrest and rearrest only: was a warrant or other decision by a public authority shown? (null: not known) */
            warrantShown?: boolean | null;
            /** @description arrest and rearrest only: where the person was taken, the first place of detention (up to 300 characters). */
            takenTo?: string | null;
            /**
             * Format: date
             * @description Periods only (incommunicado, lawyer_denied, visit_denied, hunger_strike, house_arrest, pretrial_extension): the last day (YYYY-MM-DD; for pretrial_extension, the date the detention is extended until, which may be ahead). Empty while it lasts.
             */
            endedOn?: string | null;
            /** @description Remedies only (hearing, trial, verdict, appeal, complaint, habeas_corpus, release_request): the result, in words (up to 2,000 characters). */
            outcome?: string | null;
            /**
             * Format: date
             * @description Remedies only: when the result was given (YYYY-MM-DD).
             */
            outcomeOn?: string | null;
            /** @description Where the information comes from (public reference; up to 1,000 characters). */
            source?: string | null;
            /**
             * @description How well the fact is established.
             * @default unverified
             * @enum {string}
             */
            verification?: "unverified" | "corroborated" | "confirmed";
            /** @description Who the information came from (up to 1,000 characters). Sensitive: encrypted at rest, shown only on a single event to caseworkers, coordinators and admins. */
            sourceIdentity?: string | null;
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /**
             * Format: uuid
             * @description The defender this event belongs to.
             */
            defenderId: string;
            /** @description True when dated after today (a scheduled hearing, trial or verdict). */
            scheduled: boolean;
            /** @description Version for If-Match (also in the ETag header). */
            version: number;
            /**
             * Format: date-time
             * @description Recorded at.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last corrected at.
             */
            updatedAt: string;
        };
        UpdateEventDto: {
            /**
             * @description What happened. arrest, rearrest, disappearance and house_arrest open a detention episode (house arrest is a deprivation of liberty); release and conditional_release close it; death ends the timeline. pretrial_extension, incommunicado, lawyer_denied and visit_denied (family visits denied) are facts of the detention; complaint, habeas_corpus, release_request, appeal and hearings are domestic remedies with an outcome.
             * @enum {string}
             */
            type?: "arrest" | "charge" | "hearing" | "trial" | "verdict" | "sentence" | "appeal" | "transfer" | "hunger_strike" | "health_concern" | "ill_treatment" | "visit_denied" | "release" | "conditional_release" | "rearrest" | "disappearance" | "death" | "other" | "house_arrest" | "pretrial_extension" | "incommunicado" | "lawyer_denied" | "complaint" | "habeas_corpus" | "release_request";
            /**
             * Format: date
             * @description Date it happened (YYYY-MM-DD). A future date is allowed only for a scheduled hearing, trial or verdict.
             * @example 2024-03-18
             */
            occurredOn?: string;
            /** @description What happened, in words (up to 10,000 characters). Searchable. */
            description?: string | null;
            /** @description Where (place of arrest; court; prison a transfer went to; place of house arrest; up to 300 characters). */
            place?: string | null;
            /** @description Authority or force involved (up to 300 characters). */
            authority?: string | null;
            /** @description Law or decision invoked (up to 1,000 characters). */
            legalBasis?: string | null;
            /** @description Charges brought (up to 50, each up to 300 characters). */
            charges?: string[];
            /** @description Sentence handed down (up to 500 characters). */
            sentence?: string | null;
            /** @description The forces who carried out the arrest or hold the person (police, security service; up to 300 characters). */
            forces?: string | null;
            /** @description arrest and rearrest only: was a warrant or other decision by a public authority shown? (null: not known) */
            warrantShown?: boolean | null;
            /** @description arrest and rearrest only: where the person was taken, the first place of detention (up to 300 characters). */
            takenTo?: string | null;
            /**
             * Format: date
             * @description Periods only (incommunicado, lawyer_denied, visit_denied, hunger_strike, house_arrest, pretrial_extension): the last day (YYYY-MM-DD; for pretrial_extension, the date the detention is extended until, which may be ahead). Empty while it lasts.
             */
            endedOn?: string | null;
            /** @description Remedies only (hearing, trial, verdict, appeal, complaint, habeas_corpus, release_request): the result, in words (up to 2,000 characters). */
            outcome?: string | null;
            /**
             * Format: date
             * @description Remedies only: when the result was given (YYYY-MM-DD).
             */
            outcomeOn?: string | null;
            /** @description Where the information comes from (public reference; up to 1,000 characters). */
            source?: string | null;
            /**
             * @description How well the fact is established.
             * @default unverified
             * @enum {string}
             */
            verification?: "unverified" | "corroborated" | "confirmed";
            /** @description Who the information came from (up to 1,000 characters). Sensitive: encrypted at rest, shown only on a single event to caseworkers, coordinators and admins. */
            sourceIdentity?: string | null;
        };
        ImportErrorDto: {
            /** @description Physical line of the file (the header is line 1); null for the whole file. */
            line: number | null;
            /** @description The column (header name), or null when the problem is the row or the file. */
            column: string | null;
            /** @description The column again (or "file"), for clients that read `field`. */
            field: string;
            /** @description Why the value or the line was refused. */
            message: string;
        };
        ImportProblemDto: {
            /** @description URN identifying the kind of problem, or about:blank. */
            type: string;
            /** @description Short summary of the kind of problem. */
            title: string;
            /** @description HTTP status code. */
            status: number;
            /** @description What went wrong with this request, for a person. */
            detail: string;
            /** @description The path of the request. */
            instance?: string;
            /** @description Request id, also in the X-Request-Id header and the logs. */
            requestId: string;
            /** @description Each problem by line and column, sorted by line (at most 1,000). */
            errors: components["schemas"]["ImportErrorDto"][];
            /** @description How many problems were found in all. */
            errorCount: number;
            /** @description True when more problems exist than are listed. */
            moreErrors: boolean;
        };
        ImportDryRunResponse: {
            /**
             * @description Always true: nothing was written.
             * @enum {boolean}
             */
            dryRun: true;
            /** @description Data rows in the file. */
            rows: number;
            /** @description Rows that would be imported (all of them: a dry run with problems answers 422). */
            valid: number;
            /** @description Always empty here (problems answer 422). */
            errors: components["schemas"]["ImportErrorDto"][];
        };
        ImportResultResponse: {
            /**
             * @description Always false: the records were written.
             * @enum {boolean}
             */
            dryRun: false;
            /** @description Data rows in the file. */
            rows: number;
            /** @description Records created (all rows, in one transaction). */
            imported: number;
            /** @description The new records' ids, in the order of the file's rows. */
            ids: string[];
            /** @description SHA-256 of the file as received, also in the audit trail. */
            sha256: string;
        };
        CategoryClaimDto: {
            /**
             * @description WGAD category of arbitrary detention claimed (I-V).
             * @enum {string}
             */
            category: "I" | "II" | "III" | "IV" | "V";
            /** @description Why the detention falls under this category. */
            argument: string;
        };
        RemediesAnswerDto: {
            /** @description Have domestic remedies been exhausted? (null: not said) */
            exhausted?: boolean | null;
            /** @description Their results, or why the steps or remedies were ineffective or not taken (WGAD section V). */
            explanation?: string | null;
        };
        IdentityDocumentDto: {
            /**
             * Format: uuid
             * @description Whose document it is (one of the escalation’s defenders).
             */
            defenderId: string;
            /** @description Type of document (passport, national identity card...). */
            type?: string | null;
            /** @description Issuing authority. */
            issuedBy?: string | null;
            /**
             * Format: date
             * @description Date of issue (YYYY-MM-DD).
             */
            issuedOn?: string | null;
            /** @description Document number (printed in the submission edition only). */
            number?: string | null;
        };
        EscalationContentDto: {
            /** @description A concise summary of the case (the WGAD and the Special Procedures ask for one; completeness warns past the form’s word limit). */
            summary?: string | null;
            /** @description Circumstances of the arrest and detention, and why they are arbitrary (WGAD section IV). */
            circumstances?: string | null;
            /** @description Categories I-V claimed, each with its argument. */
            categories?: components["schemas"]["CategoryClaimDto"][];
            /** @description Domestic remedies exhausted or not, and why (section V). */
            remedies?: components["schemas"]["RemediesAnswerDto"] | null;
            /** @description Urgent action: why continued detention endangers health or life. */
            urgency?: string | null;
            /** @description Special Procedures: the case before other UN or regional mechanisms. */
            previousSubmissions?: string | null;
            /** @description Special Procedures: may the person(s) be named in the public report on communications? */
            namePublicly?: boolean | null;
            /** @description Identity documents (questionnaire section I, 6), one per person at most. */
            identityDocuments?: components["schemas"]["IdentityDocumentDto"][];
            /** @description What must stay confidential, and why. */
            confidentiality?: string | null;
            /** @description UPR stakeholder submission: the cycle its recommendations are for (4: "4th cycle"). */
            uprCycle?: number | null;
            /** @description UPR stakeholder submission: a joint submission of a coalition (word limit 5,630 instead of 2,815). */
            uprCoalition?: boolean | null;
            /** @description UPR stakeholder submission: the recommendations to the State under review, in order. */
            recommendations?: string[];
            /** @description WGEID: the steps taken to search for and locate the person, and their results. */
            locateSteps?: string | null;
            /** @description Regional precautionary/provisional/interim measures: the irreparable harm the measures would prevent. */
            irreparableHarm?: string | null;
            /** @description ECtHR Rule 39: the application number, if an application is lodged. */
            applicationNumber?: string | null;
        };
        SourceIdentityDto: {
            /** @description Name of the submitting organisation or person. */
            name: string;
            /** @description Organisation. */
            organisation?: string | null;
            /** @description Contact (address, email, phone). */
            contact?: string | null;
            /**
             * @description Who the source is to the person(s) concerned.
             * @enum {string|null}
             */
            relation?: "self" | "family" | "lawyer" | "organisation" | "other" | null;
        };
        CreateEscalationDto: {
            /** @description The defender, or the group arrested together (1-50). */
            defenderIds: string[];
            /**
             * @description The mechanism.
             * @enum {string}
             */
            mechanism: "wgad" | "special_procedures" | "unhrc" | "upr" | "achpr" | "iachr" | "other" | "wgeid" | "ced" | "hrcttee" | "cat" | "cedaw" | "cerd" | "cescr" | "crc" | "crpd" | "cmw" | "sg_reprisals" | "ecthr" | "african_court";
            /**
             * @description The kind of escalation (decides the workflow).
             * @enum {string}
             */
            kind: "wgad_regular" | "wgad_urgent_action" | "sp_urgent_appeal" | "sp_allegation_letter" | "hrc_statement" | "hrc_side_event" | "upr_submission" | "regional_communication" | "wgeid_communication" | "wgeid_urgent_action" | "ced_urgent_action" | "treaty_communication" | "treaty_interim_measures" | "reprisals_report" | "iachr_precautionary_measures" | "achpr_provisional_measures" | "ecthr_rule_39" | "african_court_provisional";
            /**
             * Format: uuid
             * @description Owner (defaults to you): an active caseworker, coordinator or admin who may see every case of the escalation (assigned to its restricted ones).
             */
            ownerId?: string | null;
            /** @description The UN's reference. */
            unReference?: string | null;
            /** @description Special Rapporteurs addressed (Special Procedures). */
            targetRapporteurs?: string[];
            /** @description HRC session, e.g. HRC 61 (HRC kinds). */
            hrcSession?: string | null;
            /**
             * Format: date
             * @description The session or review the submission is for (YYYY-MM-DD): a UPR review, an HRC session. Submission deadlines count back from it.
             */
            meetingOn?: string | null;
            /** @description Notes. */
            notes?: string | null;
            /** @description Structured content for the dossier. */
            content?: components["schemas"]["EscalationContentDto"];
            /** @description Partner organisations this escalation supported to take part in the mechanism (up to 100); counted by the "partners supported" indicator. */
            partnerIds?: string[];
            /** @description The source's identity. Sensitive: encrypted, only in the submission dossier. */
            sourceIdentity?: components["schemas"]["SourceIdentityDto"] | null;
        };
        DossierResponse: {
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /**
             * Format: uuid
             * @description Escalation.
             */
            escalationId: string;
            /** @description Version number within the escalation (one per request). */
            versionNo: number;
            /**
             * @description Language.
             * @enum {string}
             */
            language: "en" | "fr" | "es";
            /**
             * @description Format.
             * @enum {string}
             */
            format: "pdf" | "html";
            /**
             * @description Edition.
             * @enum {string}
             */
            edition: "submission" | "public";
            /** @description queued, rendering, ready or failed. */
            state: string;
            /** @description Why rendering failed. */
            failureReason: string | null;
            /** @description Template version it was made with. */
            templateVersion: string | null;
            /** @description SHA-256 of the file. */
            sha256: string | null;
            /** @description Size in bytes. */
            sizeBytes: number | null;
            /** @description File name, fixed when the version was requested and never changed after, e.g. WIT-2026-0042-wgad-en-v2.pdf (the download uses it). */
            fileName: string;
            /** @description Generated although the mechanism's required answers were not all there. */
            incomplete: boolean;
            /**
             * Format: date-time
             * @description Requested at.
             */
            createdAt: string;
            /** @description Rendered at. */
            renderedAt: string | null;
            /** @description True when the case changed after this dossier was made. */
            stale?: boolean;
        };
        ReleaseAfterResponse: {
            /**
             * Format: uuid
             * @description The defender released.
             */
            defenderId: string;
            /**
             * Format: date
             * @description The day of the release.
             */
            releasedOn: string;
            /**
             * @description The timeline event that records it.
             * @example release
             */
            type: string;
        };
        DeadlineResponse: {
            /**
             * @description Which deadline of the procedure.
             * @enum {string}
             */
            key: "reply" | "comments" | "follow_up" | "publication" | "submission";
            /** @description The milestone kind it becomes while open. */
            milestone: string;
            /** @description In words. */
            title: string;
            /**
             * Format: date
             * @description The date, derived from the recorded dates and the periods in force.
             */
            dueOn: string | null;
            /** @description Open in the current state (a milestone), or retired. */
            open: boolean;
        };
        EscalationOutcomeResponse: {
            /** @description Was the detention found arbitrary (null: not said)? */
            arbitrary: boolean | null;
            /** @description WGAD categories found (I-V). */
            categoriesFound: string[];
            /** @description Release requested. */
            releaseRequested: boolean | null;
            /** @description Compensation requested. */
            compensationRequested: boolean | null;
        };
        EscalationResponse: {
            /** @description The defender, or the group arrested together (1-50). */
            defenderIds: string[];
            /**
             * @description The mechanism.
             * @enum {string}
             */
            mechanism: "wgad" | "special_procedures" | "unhrc" | "upr" | "achpr" | "iachr" | "other" | "wgeid" | "ced" | "hrcttee" | "cat" | "cedaw" | "cerd" | "cescr" | "crc" | "crpd" | "cmw" | "sg_reprisals" | "ecthr" | "african_court";
            /**
             * @description The kind of escalation (decides the workflow).
             * @enum {string}
             */
            kind: "wgad_regular" | "wgad_urgent_action" | "sp_urgent_appeal" | "sp_allegation_letter" | "hrc_statement" | "hrc_side_event" | "upr_submission" | "regional_communication" | "wgeid_communication" | "wgeid_urgent_action" | "ced_urgent_action" | "treaty_communication" | "treaty_interim_measures" | "reprisals_report" | "iachr_precautionary_measures" | "achpr_provisional_measures" | "ecthr_rule_39" | "african_court_provisional";
            /**
             * Format: uuid
             * @description Owner (defaults to you): an active caseworker, coordinator or admin who may see every case of the escalation (assigned to its restricted ones).
             */
            ownerId?: string | null;
            /** @description The UN's reference. */
            unReference?: string | null;
            /** @description Special Rapporteurs addressed (Special Procedures). */
            targetRapporteurs?: string[];
            /** @description HRC session, e.g. HRC 61 (HRC kinds). */
            hrcSession?: string | null;
            /**
             * Format: date
             * @description The session or review the submission is for (YYYY-MM-DD): a UPR review, an HRC session. Submission deadlines count back from it.
             */
            meetingOn?: string | null;
            /** @description Notes. */
            notes?: string | null;
            /** @description Structured content for the dossier. */
            content?: components["schemas"]["EscalationContentDto"];
            /** @description Partner organisations this escalation supported to take part in the mechanism (up to 100); counted by the "partners supported" indicator. */
            partnerIds?: string[];
            /** @description The source's identity. Sensitive: encrypted, only in the submission dossier. */
            sourceIdentity?: components["schemas"]["SourceIdentityDto"] | null;
            /** @description Latest dossier (single escalation only; null: none requested yet). */
            latestDossier?: components["schemas"]["DossierResponse"] | null;
            /** @description Releases of its defenders on or after submission, derived from the timelines (attributable to the escalation for the indicators). */
            releasesAfter?: components["schemas"]["ReleaseAfterResponse"][];
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /**
             * @description Our human reference, WIT-YYYY-NNNN: per year, gap-free, given at creation and never changed.
             * @example WIT-2026-0042
             */
            reference: string;
            /** @description Workflow state. */
            state: string;
            /** @description The steps you may take now. */
            allowedTransitions: string[];
            /** @description Opinion number. */
            opinionNumber: string | null;
            /** @description Submitted on. */
            submittedOn: string | null;
            /** @description Transmitted to the government on. */
            transmittedOn: string | null;
            /** @description Extension of the reply period (days). */
            extensionDays: number;
            /** @description The government's reply deadline, derived. */
            replyDueOn: string | null;
            /** @description Days until the reply is due (negative when overdue) while a reply is awaited. */
            daysUntilReplyDue: number | null;
            /** @description Government replied on. */
            governmentRepliedOn: string | null;
            /** @description When the source was asked for its comments on the government's reply (pending further information). */
            commentsRequestedOn: string | null;
            /** @description The source's comments deadline, derived. */
            commentsDueOn: string | null;
            /** @description Opinion (views, decision, measures) adopted on. */
            opinionAdoptedOn: string | null;
            /** @description Opinion transmitted to the government on (follow-up runs from it). */
            opinionTransmittedOn: string | null;
            /** @description Made public on (the embargo ends). */
            publishedOn: string | null;
            /** @description Follow-up due, derived (WGAD: six months after the opinion’s transmission). */
            followUpDueOn: string | null;
            /** @description Every deadline of the escalation's procedure, derived; open ones are milestones. */
            deadlines: components["schemas"]["DeadlineResponse"][];
            /** @description The first day "no reply" may be recorded (the day after the reply deadline, extension included), when it is a next step. */
            noReplyPossibleFrom: string | null;
            /** @description Outcome of the opinion (null until one is recorded). */
            outcome: components["schemas"]["EscalationOutcomeResponse"] | null;
            /** @description Version for If-Match. */
            version: number;
            /**
             * Format: date-time
             * @description Created at.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last changed at.
             */
            updatedAt: string;
        };
        EscalationPageResponse: {
            /** @description This page, newest first. */
            data: components["schemas"]["EscalationResponse"][];
            /** @description Cursor for the next page; null on the last page. */
            nextCursor: string | null;
        };
        UpdateEscalationDto: {
            /** @description The defender, or the group arrested together (1-50). */
            defenderIds?: string[];
            /**
             * Format: uuid
             * @description Owner (defaults to you): an active caseworker, coordinator or admin who may see every case of the escalation (assigned to its restricted ones).
             */
            ownerId?: string | null;
            /** @description The UN's reference. */
            unReference?: string | null;
            /** @description Special Rapporteurs addressed (Special Procedures). */
            targetRapporteurs?: string[];
            /** @description HRC session, e.g. HRC 61 (HRC kinds). */
            hrcSession?: string | null;
            /**
             * Format: date
             * @description The session or review the submission is for (YYYY-MM-DD): a UPR review, an HRC session. Submission deadlines count back from it.
             */
            meetingOn?: string | null;
            /** @description Notes. */
            notes?: string | null;
            /** @description Structured content for the dossier. */
            content?: components["schemas"]["EscalationContentDto"];
            /** @description Partner organisations this escalation supported to take part in the mechanism (up to 100); counted by the "partners supported" indicator. */
            partnerIds?: string[];
            /** @description The source's identity. Sensitive: encrypted, only in the submission dossier. */
            sourceIdentity?: components["schemas"]["SourceIdentityDto"] | null;
            /** @description Extension of the reply period granted (days, up to the configured maximum). */
            extensionDays?: number;
            /**
             * Format: date
             * @description When the opinion was transmitted to the government (YYYY-MM-DD), when it was not recorded with the opinion_transmitted step: follow-up runs from it. Not before the adoption, not in the future.
             */
            opinionTransmittedOn?: string | null;
            /**
             * Format: date
             * @description When the opinion (or communication) was made public (YYYY-MM-DD). Until then it is embargoed: nothing public cites it.
             */
            publishedOn?: string | null;
        };
        TransitionDto: {
            /** @description The state to move to (see allowedTransitions). */
            to: string;
            /**
             * Format: date
             * @description When it happened (YYYY-MM-DD; default today), e.g. the UN transmission date.
             */
            date?: string;
            /** @description Note. */
            note?: string | null;
            /** @description The UN's reference, when it gives one. */
            unReference?: string | null;
            /** @description Extension of the reply period granted (days). */
            extensionDays?: number;
            /** @description Opinion number, No. N/YYYY (opinion_adopted). */
            opinionNumber?: string | null;
            /** @description Opinion: was the detention found arbitrary? */
            arbitrary?: boolean | null;
            /** @description Opinion: categories found. */
            categoriesFound?: ("I" | "II" | "III" | "IV" | "V")[];
            /** @description Opinion: release requested? */
            releaseRequested?: boolean | null;
            /** @description Opinion: compensation requested? */
            compensationRequested?: boolean | null;
        };
        TransitionResponse: {
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /**
             * @description The state it left.
             * @example draft
             */
            from: string;
            /**
             * @description The state it reached.
             * @example in_review
             */
            to: string;
            /**
             * Format: date
             * @description When it happened (e.g. the date the UN transmitted the communication).
             */
            date: string;
            /** @description Note. */
            note: string | null;
            /**
             * Format: uuid
             * @description Who took the step (user id); null for the system.
             */
            actorId: string | null;
            /**
             * Format: date-time
             * @description When it was recorded.
             */
            at: string;
        };
        CorrectStepDateDto: {
            /**
             * Format: date
             * @description When the step really happened (YYYY-MM-DD): not in the future, not before the previous step's date nor after the next step's.
             */
            occurredOn: string;
        };
        MandateSuggestionResponse: {
            /**
             * @description The mandate.
             * @enum {string}
             */
            id: "human_rights_defenders" | "arbitrary_detention" | "expression" | "assembly_association" | "torture" | "judges_lawyers" | "disappearances" | "health" | "executions" | "environment" | "indigenous" | "women_girls" | "sogi" | "minorities" | "counter_terrorism";
            /** @description Its title, as the Human Rights Council named it. */
            title: string;
            /** @description Why it fits, in the record’s words: focus:journalist, tag:protest, status:detained, event:ill_treatment, charge:false news. */
            reasons: string[];
        };
        AnswerPersonResponse: {
            /**
             * Format: uuid
             * @description The defender.
             */
            defenderId: string;
            /** @description The name the form gives. */
            name: string;
        };
        AnswerItemResponse: {
            /**
             * Format: date
             * @description The day (places, extensions, steps).
             */
            date?: string;
            /** @description Where (places; steps: null when not recorded). */
            place?: string | null;
            /**
             * @description How the person came there (places).
             * @enum {string}
             */
            how?: "taken" | "transfer" | "house_arrest";
            /** @description The present place of detention (places). */
            present?: boolean;
            /**
             * Format: date
             * @description First day (periods).
             */
            from?: string;
            /**
             * Format: date
             * @description Last day (periods; null: ongoing).
             */
            to?: string | null;
            /** @description What the period was (periods). */
            note?: string | null;
            /**
             * Format: date
             * @description Extended until (extensions).
             */
            until?: string | null;
            /** @description The authority (extensions, steps). */
            authority?: string | null;
            /** @description The legal basis (extensions). */
            legalBasis?: string | null;
            /** @description The timeline event type (steps). */
            type?: string;
            /** @description What happened (steps). */
            description?: string | null;
            /** @description Its result (steps). */
            outcome?: string | null;
            /**
             * Format: date
             * @description When the result came (steps).
             */
            outcomeOn?: string | null;
            /** @description Whose step it was, in a group case (steps). */
            person?: string;
        };
        AnswerValueResponse: {
            /**
             * @description Which kind of value.
             * @enum {string}
             */
            kind: "text" | "texts" | "date" | "boolean" | "label" | "countries" | "birth" | "duration" | "profession" | "places" | "periods" | "extensions" | "steps";
            /** @description The text (text). */
            text?: string;
            /** @description The items: texts (texts) or places, periods, extensions or steps. */
            items?: (string | components["schemas"]["AnswerItemResponse"])[];
            /**
             * Format: date
             * @description The day (date).
             */
            date?: string;
            /** @description Yes or no (boolean), or the vocabulary value (label). */
            value?: boolean | string;
            /**
             * @description The vocabulary (label).
             * @enum {string}
             */
            group?: "sex";
            /** @description ISO 3166-1 alpha-2 codes (countries). */
            codes?: string[];
            /**
             * Format: date
             * @description Date of birth (birth).
             */
            birthDate?: string | null;
            /** @description Year of birth (birth). */
            birthYear?: number | null;
            /** @description Age at the start of the detention (birth). */
            age?: number | null;
            /** @description Only the year of birth is known (birth). */
            approximate?: boolean;
            /**
             * Format: date
             * @description First day (duration).
             */
            from?: string;
            /**
             * Format: date
             * @description Last day (duration; null: ongoing).
             */
            to?: string | null;
            /** @description Days (duration). */
            days?: number;
            /** @description Profession (profession). */
            profession?: string | null;
            /** @description Organisation (profession). */
            organisation?: string | null;
            /** @description Focus areas (profession). */
            focus?: string[];
            /** @description Human rights activity (profession). */
            activity?: string | null;
        };
        AnswerOverrideResponse: {
            /** @description What was typed in place of the drawn answer. */
            value: string | boolean;
            /** @description Who overrode it (user id). */
            by: string | null;
            /**
             * Format: date-time
             * @description When.
             */
            at: string;
        };
        AnswerResponse: {
            /** @description The answer, e.g. arrest.place. */
            field: string;
            /** @description Whose answer (null: the escalation’s). */
            defenderId: string | null;
            /** @description The mechanism's wording of the question. */
            label: string;
            /** @description What the answer is drawn from. */
            help: string | null;
            /**
             * @description record: drawn from the case record; questionnaire: typed on the escalation (its content); source: the source record; consent: the consent ledger.
             * @enum {string}
             */
            origin: "record" | "questionnaire" | "source" | "consent";
            /**
             * @description How an override is typed (null: it cannot be overridden).
             * @enum {string|null}
             */
            overrideType: "text" | "date" | "boolean" | null;
            /** @description What the record says, in words (null: not known). */
            drawn: string | null;
            /** @description The same, structured. */
            drawnValue: components["schemas"]["AnswerValueResponse"] | null;
            override: components["schemas"]["AnswerOverrideResponse"] | null;
            /** @description What the dossier says (null: "Not known"). */
            value: string | null;
        };
        AnswerSectionResponse: {
            /** @description The section, e.g. II. */
            id: string;
            /** @description The section's heading, in the form's own words. */
            title: string;
            /** @description The answers of the section, in order. */
            answers: components["schemas"]["AnswerResponse"][];
        };
        AnswersResponse: {
            /**
             * Format: uuid
             * @description The escalation.
             */
            escalationId: string;
            /**
             * @description Our reference.
             * @example WIT-2026-0042
             */
            reference: string;
            /**
             * @description The form.
             * @enum {string}
             */
            kind: "wgad_regular" | "wgad_urgent_action" | "sp_communication" | "hrc_brief" | "upr_submission" | "regional_request" | "disappearance" | "treaty_communication";
            /** @description The escalation's version, for If-Match. */
            version: number;
            /** @description The people, in order. */
            persons: components["schemas"]["AnswerPersonResponse"][];
            /** @description The form's sections, in order. */
            sections: components["schemas"]["AnswerSectionResponse"][];
        };
        OverrideAnswerDto: {
            /**
             * Format: uuid
             * @description Whose answer (a person's sections I-III); may be left out when the escalation concerns one person. Never for the escalation's own answers (remedies.steps).
             */
            defenderId?: string;
            /** @description What the dossier should say instead: text (up to 10,000 characters), a date YYYY-MM-DD for arrest.date and detention.date, true or false for arrest.warrantShown. */
            value: string | boolean;
        };
        CompletenessItemResponse: {
            /** @description The requirement, e.g. arrestDate. */
            requirement: string;
            /** @description In words, e.g. "date of arrest". */
            label: string;
            /**
             * @description required (missing: 422 unless acknowledged) or recommended (a warning).
             * @enum {string}
             */
            level: "required" | "recommended";
            /**
             * Format: uuid
             * @description Whose requirement (null: the escalation’s).
             */
            defenderId: string | null;
            /** @description Whether the record and the questionnaire meet it. */
            met: boolean;
        };
        CompletenessResponse: {
            /**
             * Format: uuid
             * @description The escalation.
             */
            escalationId: string;
            /** @description Our reference, WIT-YYYY-NNNN. */
            reference: string;
            /**
             * @description The form checked.
             * @enum {string}
             */
            kind: "wgad_regular" | "wgad_urgent_action" | "sp_communication" | "hrc_brief" | "upr_submission" | "regional_request" | "disappearance" | "treaty_communication";
            /**
             * @description The edition checked.
             * @enum {string}
             */
            edition: "submission" | "public";
            /** @description Nothing required is missing. */
            complete: boolean;
            /** @description Words in the summary. */
            summaryWords: number | null;
            /** @description The longest summary the form takes (a warning beyond it). */
            summaryWordLimit: number | null;
            /** @description Every requirement, met or not. */
            items: components["schemas"]["CompletenessItemResponse"][];
            /** @description Required and missing, in words. */
            missing: string[];
            /** @description Recommended and missing (or past a limit), in words. */
            warnings: string[];
        };
        AnnexResponse: {
            /** @description Its number among the annexes you see (Annex 1, 2...). */
            number: number;
            /**
             * Format: uuid
             * @description The document.
             */
            documentId: string;
            /**
             * Format: uuid
             * @description The case it belongs to.
             */
            defenderId: string;
            /** @description Title. */
            title: string;
            /**
             * @description Kind.
             * @enum {string}
             */
            kind: "warrant" | "charge_sheet" | "court_decision" | "medical" | "correspondence" | "photo" | "evidence" | "other";
            /** @description Language (BCP 47). */
            language: string | null;
            /**
             * Format: date
             * @description The date it bears.
             */
            date: string | null;
            /** @description Confidential (only assigned caseworkers, coordinators, admins). */
            confidential: boolean;
            /** @description The pinned version: what goes with the dossier. */
            versionNo: number;
            /** @description The latest version (greater when a newer one was uploaded). */
            latestVersionNo: number;
            /** @description File name of the pinned version. */
            fileName: string;
            /**
             * @description Its type.
             * @enum {string}
             */
            fileType: "pdf" | "jpeg" | "png" | "webp" | "docx" | "odt" | "txt";
            /** @description Its Content-Type. */
            contentType: string;
            /** @description Its size in bytes. */
            sizeBytes: number;
            /** @description Who chose it (or pinned this version). */
            chosenBy: string | null;
            /**
             * Format: date-time
             * @description When.
             */
            chosenAt: string | null;
        };
        AnnexSetResponse: {
            /**
             * Format: uuid
             * @description The escalation.
             */
            escalationId: string;
            /** @description The escalation's version (also the ETag) for If-Match. */
            version: number;
            /** @description The annexes you may see, in order. */
            annexes: components["schemas"]["AnnexResponse"][];
        };
        PutAnnexesDto: {
            /** @description The documents that go with the escalation, in the order they are numbered (Annex 1, 2...): at most 30, each once, each a document (not deleted) of one of the escalation's defenders that you may see. An empty list removes them all. Annexes you may not see (confidential documents of a case you are not assigned to) keep their place. */
            documentIds: string[];
            /**
             * @description Pin the latest version of every listed document. Otherwise a document already chosen keeps the version pinned when it was chosen (what was reviewed is what goes), and a newly chosen one is pinned at its latest version.
             * @default false
             */
            refreshVersions?: boolean;
        };
        DossierRequestDto: {
            /**
             * @description Language of the dossier (the UN working languages WGAD accepts).
             * @enum {string}
             */
            language: "en" | "fr" | "es";
            /**
             * @description pdf (rendered by headless Chromium) or html.
             * @enum {string}
             */
            format: "pdf" | "html";
            /**
             * @description submission: what the UN needs, marked confidential (needs UN-submission consent); public: no contacts, source or confidential notes, and no one named without public-profile consent.
             * @enum {string}
             */
            edition: "submission" | "public";
            /** @description Generate it even though the mechanism's required answers are not all there (see GET /escalations/:id/completeness). Without it, a request with something required missing answers 422 listing each item in words. */
            acknowledgeIncomplete?: boolean;
        };
        DocumentVersionResponse: {
            /**
             * Format: uuid
             * @description Version id.
             */
            id: string;
            /** @description Version number, 1 for the first upload. */
            versionNo: number;
            /** @description File name (sanitised, with the extension of its real type). */
            fileName: string;
            /**
             * @description Type recognised from the content.
             * @enum {string}
             */
            fileType: "pdf" | "jpeg" | "png" | "webp" | "docx" | "odt" | "txt";
            /** @description Content-Type it is served with. */
            contentType: string;
            /** @description Size in bytes, as served. */
            sizeBytes: number;
            /** @description SHA-256 of the file as uploaded (hex). */
            sha256: string;
            /** @description SHA-256 of the file as served (hex): differs from sha256 for photos, whose metadata was removed. */
            storedSha256: string;
            /** @description Width in pixels (photos). */
            width: number | null;
            /** @description Height in pixels (photos). */
            height: number | null;
            /** @description A thumbnail is available (photos). */
            hasThumbnail: boolean;
            /**
             * @description clean: scanned by ClamAV; not_scanned: no scanner was configured; not_applicable: a photo, re-encoded from its pixels; pending: kept while ClamAV was unreachable, not served (409) until the worker has scanned it; quarantined: ClamAV found malware when it was scanned later, its content destroyed, never served.
             * @enum {string}
             */
            scan: "clean" | "not_scanned" | "not_applicable" | "pending" | "quarantined";
            /** @description EXIF/GPS/XMP/IPTC/ICC metadata was removed. */
            metadataRemoved: boolean;
            /**
             * Format: uuid
             * @description Who uploaded it.
             */
            uploadedBy: string | null;
            /**
             * Format: date-time
             * @description When.
             */
            uploadedAt: string;
        };
        DocumentResponse: {
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /**
             * Format: uuid
             * @description The case.
             */
            defenderId: string;
            /**
             * Format: uuid
             * @description A timeline event of the same case it documents (uuid).
             */
            eventId: string | null;
            /**
             * Format: uuid
             * @description An escalation concerning the case it belongs to (uuid).
             */
            escalationId: string | null;
            /** @description Title. */
            title: string;
            /**
             * @description What the document is.
             * @enum {string}
             */
            kind: "warrant" | "charge_sheet" | "court_decision" | "medical" | "correspondence" | "photo" | "evidence" | "other";
            /**
             * @description The language it is written in (BCP 47 tag: ar, en, fr, pt-BR).
             * @example ar
             */
            language: string | null;
            /**
             * Format: date
             * @description The date the document bears (YYYY-MM-DD), e.g. a warrant's issue date.
             */
            date: string | null;
            /**
             * @description Only the caseworkers assigned to the case, coordinators and admins see it (others: 404). Only they may set it.
             * @default false
             */
            confidential: boolean;
            /** @description Who provided it: only on GET /documents/:id, never for viewers. */
            sourceIdentity?: string | null;
            /** @description The latest version. */
            current: components["schemas"]["DocumentVersionResponse"];
            /** @description How many versions there are. */
            versionCount: number;
            /**
             * Format: uuid
             * @description Who created it.
             */
            createdBy: string | null;
            /** @description Version for If-Match (also in the ETag header). */
            version: number;
            /**
             * Format: date-time
             * @description Created at.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last changed at.
             */
            updatedAt: string;
        };
        DocumentPageResponse: {
            /** @description This page, newest first. */
            data: components["schemas"]["DocumentResponse"][];
            /** @description Cursor for the next page; null on the last page. */
            nextCursor: string | null;
        };
        UpdateDocumentDto: {
            /** @description Short title (1-300 characters), e.g. "Arrest warrant, 12 March 2026". */
            title?: string;
            /**
             * @description What the document is.
             * @enum {string}
             */
            kind?: "warrant" | "charge_sheet" | "court_decision" | "medical" | "correspondence" | "photo" | "evidence" | "other";
            /**
             * @description The language it is written in (BCP 47 tag: ar, en, fr, pt-BR).
             * @example ar
             */
            language?: string | null;
            /**
             * Format: date
             * @description The date the document bears (YYYY-MM-DD), e.g. a warrant's issue date.
             */
            date?: string | null;
            /**
             * @description Only the caseworkers assigned to the case, coordinators and admins see it (others: 404). Only they may set it.
             * @default false
             */
            confidential?: boolean;
            /** @description Who provided it (up to 2,000 characters). Sensitive: encrypted, shown only on the single document and never to viewers, never logged, redacted in the audit trail. */
            sourceIdentity?: string | null;
            /**
             * Format: uuid
             * @description A timeline event of the same case it documents (uuid).
             */
            eventId?: string | null;
            /**
             * Format: uuid
             * @description An escalation concerning the case it belongs to (uuid).
             */
            escalationId?: string | null;
        };
        ContactPersonDto: {
            /** @description Name of the contact person. */
            name: string;
            /** @description Email. */
            email?: string | null;
            /** @description Phone. */
            phone?: string | null;
        };
        CreatePartnerDto: {
            /** @description Organisation name (1-200 characters). */
            name: string;
            /** @description Country (ISO 3166-1 alpha-2). */
            country?: string | null;
            /**
             * @description member, partner, network or other.
             * @enum {string}
             */
            kind: "member" | "partner" | "network" | "other";
            /**
             * @description ECOSOC consultative status (general, special, roster, or none: the default). Human Rights Council written and oral statements are for organisations in consultative status.
             * @enum {string}
             */
            ecosocStatus?: "general" | "special" | "roster" | "none";
            /** @description Contact person. Sensitive: encrypted; shown on a single partner to non-viewers only. */
            contactPerson?: components["schemas"]["ContactPersonDto"] | null;
            /** @description Notes (up to 5,000 characters). */
            notes?: string | null;
        };
        PartnerResponse: {
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /**
             * @description Organisation name.
             * @example Front Line Defenders
             */
            name: string;
            /**
             * @description Country (ISO 3166-1 alpha-2).
             * @example KE
             */
            country: string | null;
            /**
             * @description Member or partner of the alliance.
             * @enum {string}
             */
            kind: "member" | "partner" | "network" | "other";
            /** @description The contact person (sensitive, encrypted at rest): on a single partner, for roles allowed to see sensitive fields; null when there is none. */
            contactPerson?: components["schemas"]["ContactPersonDto"] | null;
            /** @description Notes. */
            notes: string | null;
            /**
             * @description Version for If-Match.
             * @example 1
             */
            version: number;
            /**
             * Format: date-time
             * @description When it was recorded.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When it last changed.
             */
            updatedAt: string;
        };
        UpdatePartnerDto: {
            /** @description Organisation name (1-200 characters). */
            name?: string;
            /** @description Country (ISO 3166-1 alpha-2). */
            country?: string | null;
            /**
             * @description member, partner, network or other.
             * @enum {string}
             */
            kind?: "member" | "partner" | "network" | "other";
            /**
             * @description ECOSOC consultative status (general, special, roster, or none: the default). Human Rights Council written and oral statements are for organisations in consultative status.
             * @enum {string}
             */
            ecosocStatus?: "general" | "special" | "roster" | "none";
            /** @description Contact person. Sensitive: encrypted; shown on a single partner to non-viewers only. */
            contactPerson?: components["schemas"]["ContactPersonDto"] | null;
            /** @description Notes (up to 5,000 characters). */
            notes?: string | null;
        };
        ReachDto: {
            /** @description Signatures gathered. */
            signatures?: number | null;
            /** @description People who took part. */
            participants?: number | null;
            /** @description Organisations that joined. */
            organisations?: number | null;
            /** @description Social-media impressions. */
            impressions?: number | null;
        };
        CreateActionDto: {
            /** @description Defenders the action stands with (up to 100). */
            defenderIds?: string[];
            /** @description Partner organisations that took part (up to 100). */
            partnerIds?: string[];
            /**
             * @description Kind of action.
             * @enum {string}
             */
            type: "letter_writing" | "joint_statement" | "social_media" | "petition" | "solidarity_call" | "trial_monitoring" | "embassy_visit" | "side_event" | "public_event" | "media_outreach" | "other";
            /** @description Title (1-300 characters). */
            title: string;
            /** @description Description (up to 20,000 characters). */
            description?: string | null;
            /**
             * Format: date
             * @description First day (YYYY-MM-DD).
             */
            startsOn: string;
            /**
             * Format: date
             * @description Last day (YYYY-MM-DD), not before startsOn.
             */
            endsOn?: string | null;
            /** @description Reach of the action. */
            reach?: components["schemas"]["ReachDto"];
            /** @description What came of it. */
            outcome?: string | null;
            /** @description Links (http or https, up to 20). */
            links?: string[];
            /**
             * @description planned, done or cancelled.
             * @default planned
             * @enum {string}
             */
            status?: "planned" | "done" | "cancelled";
            /**
             * @description Shown (title, type, dates, links) on the public profiles of its featured defenders. Set or changed by coordinators and admins only: from anyone else true on creation, or any value on an edit, is refused with 403 naming isPublic.
             * @default false
             */
            isPublic?: boolean;
        };
        ActionResponse: {
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /** @description Defenders the action stands with. */
            defenderIds: string[];
            /** @description Partner organisations that took part. */
            partnerIds: string[];
            /**
             * @description Kind of action.
             * @enum {string}
             */
            type: "letter_writing" | "joint_statement" | "social_media" | "petition" | "solidarity_call" | "trial_monitoring" | "embassy_visit" | "side_event" | "public_event" | "media_outreach" | "other";
            /**
             * @description Title.
             * @example Letter to the Attorney General
             */
            title: string;
            /** @description Description. */
            description: string | null;
            /**
             * Format: date
             * @description First day (YYYY-MM-DD).
             */
            startsOn: string;
            /**
             * Format: date
             * @description Last day (YYYY-MM-DD).
             */
            endsOn: string | null;
            /** @description Reach of the action (the figures recorded so far). */
            reach: components["schemas"]["ReachDto"];
            /** @description What came of it. */
            outcome: string | null;
            /** @description Links (http or https). */
            links: string[];
            /**
             * @description planned, done or cancelled.
             * @enum {string}
             */
            status: "planned" | "done" | "cancelled";
            /** @description Shown on the public profiles of its featured defenders. */
            isPublic: boolean;
            /**
             * @description Version for If-Match.
             * @example 1
             */
            version: number;
            /**
             * Format: date-time
             * @description When it was recorded.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When it last changed.
             */
            updatedAt: string;
        };
        ActionPageResponse: {
            /** @description This page, newest first. */
            data: components["schemas"]["ActionResponse"][];
            /** @description Cursor for the next page; null on the last page. */
            nextCursor: string | null;
        };
        UpdateActionDto: {
            /** @description Defenders the action stands with (up to 100). */
            defenderIds?: string[];
            /** @description Partner organisations that took part (up to 100). */
            partnerIds?: string[];
            /**
             * @description Kind of action.
             * @enum {string}
             */
            type?: "letter_writing" | "joint_statement" | "social_media" | "petition" | "solidarity_call" | "trial_monitoring" | "embassy_visit" | "side_event" | "public_event" | "media_outreach" | "other";
            /** @description Title (1-300 characters). */
            title?: string;
            /** @description Description (up to 20,000 characters). */
            description?: string | null;
            /**
             * Format: date
             * @description First day (YYYY-MM-DD).
             */
            startsOn?: string;
            /**
             * Format: date
             * @description Last day (YYYY-MM-DD), not before startsOn.
             */
            endsOn?: string | null;
            /** @description Reach of the action. */
            reach?: components["schemas"]["ReachDto"];
            /** @description What came of it. */
            outcome?: string | null;
            /** @description Links (http or https, up to 20). */
            links?: string[];
            /**
             * @description planned, done or cancelled.
             * @default planned
             * @enum {string}
             */
            status?: "planned" | "done" | "cancelled";
            /**
             * @description Shown (title, type, dates, links) on the public profiles of its featured defenders. Set or changed by coordinators and admins only: from anyone else true on creation, or any value on an edit, is refused with 403 naming isPublic.
             * @default false
             */
            isPublic?: boolean;
        };
        DefenderRecordDto: {
            /**
             * Format: uuid
             * @description Defender id.
             */
            id: string;
            /**
             * Format: date
             * @description new_profiles: day created; profiles_featured: day first featured; detained_at_period_end: start of the detention episode.
             */
            date: string;
            /** @description Full name. */
            fullName: string;
            /** @description Country of detention. */
            country: string;
            /**
             * @description Current status (today).
             * @enum {string}
             */
            status: "detained" | "house_arrest" | "conditionally_released" | "released" | "disappeared" | "deceased" | "unknown";
            /**
             * @description standard or restricted.
             * @enum {string}
             */
            access: "standard" | "restricted";
            /**
             * @description detained_at_period_end only: detained, disappeared or under house arrest on the last day.
             * @enum {string}
             */
            statusAtPeriodEnd?: "detained" | "disappeared" | "house_arrest";
        };
        ReleaseRecordDto: {
            /**
             * Format: uuid
             * @description The release event (timeline) id.
             */
            id: string;
            /**
             * Format: date
             * @description Release date.
             */
            date: string;
            /**
             * Format: uuid
             * @description Defender id.
             */
            defenderId: string;
            /** @description Full name. */
            fullName: string;
            /** @description Country of detention. */
            country: string;
            /**
             * @description Current status (today).
             * @enum {string}
             */
            status: "detained" | "house_arrest" | "conditionally_released" | "released" | "disappeared" | "deceased" | "unknown";
            /**
             * @description standard or restricted.
             * @enum {string}
             */
            access: "standard" | "restricted";
            /** @description release or conditional_release. */
            type: string;
            /**
             * Format: date
             * @description Start of the detention episode it ended.
             */
            detainedSince: string;
            /** @description Days detained at release (date - detainedSince). */
            daysDetained: number;
        };
        OutcomeRecordDto: {
            /** @description Was the detention found arbitrary? */
            arbitrary: boolean | null;
            /** @description Categories found (I-V). */
            categoriesFound: string[];
        };
        EscalationRecordDto: {
            /**
             * Format: uuid
             * @description Escalation id.
             */
            id: string;
            /**
             * Format: date
             * @description escalations: submission; wgad_opinions: adoption; government_replies: reply; reply_deadlines_missed: the deadline.
             */
            date: string;
            /**
             * @description Mechanism.
             * @enum {string}
             */
            mechanism: "wgad" | "special_procedures" | "unhrc" | "upr" | "achpr" | "iachr" | "other" | "wgeid" | "ced" | "hrcttee" | "cat" | "cedaw" | "cerd" | "cescr" | "crc" | "crpd" | "cmw" | "sg_reprisals" | "ecthr" | "african_court";
            /**
             * @description Kind.
             * @enum {string}
             */
            kind: "wgad_regular" | "wgad_urgent_action" | "sp_urgent_appeal" | "sp_allegation_letter" | "hrc_statement" | "hrc_side_event" | "upr_submission" | "regional_communication" | "wgeid_communication" | "wgeid_urgent_action" | "ced_urgent_action" | "treaty_communication" | "treaty_interim_measures" | "reprisals_report" | "iachr_precautionary_measures" | "achpr_provisional_measures" | "ecthr_rule_39" | "african_court_provisional";
            /** @description Current workflow state. */
            state: string;
            /** @description WGAD opinion number. */
            opinionNumber: string | null;
            /**
             * Format: date
             * @description Submitted on.
             */
            submittedOn: string | null;
            /**
             * Format: date
             * @description Transmitted on.
             */
            transmittedOn: string | null;
            /**
             * Format: date
             * @description Reply due on.
             */
            replyDueOn: string | null;
            /**
             * Format: date
             * @description Government replied on.
             */
            governmentRepliedOn: string | null;
            /**
             * Format: date
             * @description Opinion adopted on.
             */
            opinionAdoptedOn: string | null;
            /** @description Opinion outcome. */
            outcome: components["schemas"]["OutcomeRecordDto"] | null;
        };
        ReachRecordDto: {
            /** @description Signatures. */
            signatures?: number | null;
            /** @description Participants. */
            participants?: number | null;
            /** @description Organisations. */
            organisations?: number | null;
            /** @description Impressions. */
            impressions?: number | null;
        };
        ActionRecordDto: {
            /**
             * Format: uuid
             * @description Solidarity action id.
             */
            id: string;
            /**
             * Format: date
             * @description Start date.
             */
            date: string;
            /**
             * @description Type.
             * @enum {string}
             */
            type: "letter_writing" | "joint_statement" | "social_media" | "petition" | "solidarity_call" | "trial_monitoring" | "embassy_visit" | "side_event" | "public_event" | "media_outreach" | "other";
            /** @description Title. */
            title: string;
            /**
             * @description Status.
             * @enum {string}
             */
            status: "planned" | "done" | "cancelled";
            /**
             * Format: date
             * @description Starts on.
             */
            startsOn: string;
            /**
             * Format: date
             * @description Ends on.
             */
            endsOn: string | null;
            /** @description Reach recorded. */
            reach: components["schemas"]["ReachRecordDto"];
        };
        PartnerRecordDto: {
            /**
             * Format: uuid
             * @description Partner id.
             */
            id: string;
            /**
             * Format: date
             * @description First submission in the period of an escalation naming it.
             */
            date: string;
            /** @description Organisation name. */
            name: string;
            /** @description The partner's country. */
            country: string | null;
            /**
             * @description Kind of partner.
             * @enum {string}
             */
            kind: "member" | "partner" | "network" | "other";
            /** @description Mechanisms of those escalations. */
            mechanisms: string[];
            /** @description How many of those escalations name it. */
            escalations: number;
        };
        ReportPeriodDto: {
            /**
             * Format: date
             * @description First day (included).
             */
            from: string;
            /**
             * Format: date
             * @description Last day (included).
             */
            to: string;
        };
        BreakdownEntryDto: {
            /** @description What the figure is broken down by, e.g. country, mechanism, kind, type, status, finding, category, timeliness, reply, reach, days_detained. */
            dimension: string;
            /** @description The value of the dimension, e.g. wgad, EG, II, median. */
            key: string;
            /** @description Count of records with that key; for reach, the sum; for days_detained/median, days (null when there is nothing to take the median of). */
            value: number | null;
        };
        IndicatorDto: {
            /**
             * @description Stable name of the figure.
             * @enum {string}
             */
            name: "new_profiles" | "profiles_featured" | "detained_at_period_end" | "releases" | "releases_after_escalation" | "escalations" | "wgad_opinions" | "mechanism_outcomes" | "government_replies" | "reply_deadlines_missed" | "solidarity_actions" | "partners_supported";
            /** @description Exact definition of what is counted. */
            description: string;
            /**
             * @description What the drill-down lists (and the figure counts).
             * @enum {string}
             */
            records: "defender" | "release" | "escalation" | "solidarity_action" | "partner";
            /** @description The figure: how many records the drill-down lists. */
            value: number;
            /** @description Breakdowns of the figure. */
            breakdown: components["schemas"]["BreakdownEntryDto"][];
            /**
             * @description The drill-down: the records behind the figure, same period and country.
             * @example /api/v1/reports/indicators/releases?from=2025-01-01&to=2025-12-31
             */
            href: string;
        };
        IndicatorsReportDto: {
            /** @description The period covered, both ends included. */
            period: components["schemas"]["ReportPeriodDto"];
            /** @description The country filter, or null. */
            country: string | null;
            /**
             * Format: date
             * @description The day the report was computed (a reply deadline is missed once before it).
             */
            asOf: string;
            /** @description The figures, in a fixed order. */
            indicators: components["schemas"]["IndicatorDto"][];
        };
        IndicatorRecordsPageDto: {
            /**
             * @description The indicator.
             * @enum {string}
             */
            indicator: "new_profiles" | "profiles_featured" | "detained_at_period_end" | "releases" | "releases_after_escalation" | "escalations" | "wgad_opinions" | "mechanism_outcomes" | "government_replies" | "reply_deadlines_missed" | "solidarity_actions" | "partners_supported";
            /**
             * @description What `data` holds.
             * @enum {string}
             */
            records: "defender" | "release" | "escalation" | "solidarity_action" | "partner";
            /** @description The period covered. */
            period: components["schemas"]["ReportPeriodDto"];
            /** @description The country filter, or null. */
            country: string | null;
            /** @description The records behind the figure, by date then id: defender, release, escalation, solidarity_action or partner records (see `records`). */
            data: (components["schemas"]["DefenderRecordDto"] | components["schemas"]["ReleaseRecordDto"] | components["schemas"]["EscalationRecordDto"] | components["schemas"]["ActionRecordDto"] | components["schemas"]["PartnerRecordDto"])[];
            /** @description Cursor for the next page; null on the last one. */
            nextCursor: string | null;
        };
        PublicPhotoDto: {
            /** @description Address of a photo already cleared for publication (http or https). */
            url: string;
            /** @description Text alternative describing the photo (1-300 characters). */
            alt: string;
        };
        PublicationBlockerResponse: {
            /**
             * @description What keeps the profile (or its photo) off the public feed.
             * @enum {string}
             */
            code: "consent_required" | "photo_consent_required" | "photo_unavailable" | "defender_restricted" | "defender_archived";
            /** @description In words. */
            message: string;
        };
        PublicationResponse: {
            /**
             * Format: uuid
             * @description The defender (uuid).
             */
            defenderId: string;
            /** @description Stable public address (kept when unpublished and featured again). */
            slug: string;
            /** @description Featured by a coordinator. */
            featured: boolean;
            /** @description The public feed shows it right now: featured, standard access, not archived, public_profile consent in force. */
            live: boolean;
            /** @description Where the public feed serves this profile. */
            publicUrl: string;
            /** @description The name shown publicly. */
            displayName: string;
            /** @description Public summary. */
            publicSummary: string;
            /** @description Public story. */
            publicStory: string | null;
            /** @description The photo (shown only with photo consent). */
            photo: components["schemas"]["PublicPhotoDto"] | null;
            /**
             * Format: uuid
             * @description The document chosen as the public photo (shown only with photo consent, while it is a live, non-confidential photo: see blockers).
             */
            photoDocumentId: string | null;
            /** @description Text alternative of the photo document (null: the default). */
            photoAlt: string | null;
            /** @description Charge events cleared for publication. */
            publicChargeEventIds: string[];
            /** @description When it was first featured. */
            firstFeaturedAt: string | null;
            /** @description When the current featured period began. */
            publishedAt: string | null;
            /** @description When it was last unpublished. */
            unpublishedAt: string | null;
            /**
             * @description Why it was last unpublished.
             * @enum {string|null}
             */
            unpublishedReason: "coordinator" | "consent_revoked" | "photo_consent_revoked" | "archived" | "restricted" | null;
            /** @description What keeps it (or its photo) off the feed now. */
            blockers: components["schemas"]["PublicationBlockerResponse"][];
            /** @description Version (the ETag); send it in If-Match to change it. */
            version: number;
            /** @description Created. */
            createdAt: string;
            /** @description Last changed. */
            updatedAt: string;
        };
        PublicPhotoResponse: {
            /** @description Address of the photo. A photo from the case's documents is served by the feed (/public/v1/defenders/{slug}/photo?v=…, a WebP copy without metadata); otherwise the address given. */
            url: string;
            /** @description Width of the feed's copy in pixels (at most 800); only for a photo the feed serves. */
            width?: number;
            /** @description Height of the feed's copy in pixels (at most 800); only for a photo the feed serves. */
            height?: number;
            /** @description Text alternative describing the photo. */
            alt: string;
        };
        PublicChargeResponse: {
            /**
             * Format: date
             * @description Date of the event.
             */
            date: string;
            /**
             * @description Kind of event.
             * @enum {string}
             */
            type: "arrest" | "charge" | "hearing" | "trial" | "verdict" | "sentence" | "appeal" | "transfer" | "hunger_strike" | "health_concern" | "ill_treatment" | "visit_denied" | "release" | "conditional_release" | "rearrest" | "disappearance" | "death" | "other" | "house_arrest" | "pretrial_extension" | "incommunicado" | "lawyer_denied" | "complaint" | "habeas_corpus" | "release_request";
            /** @description The charges. */
            charges: string[];
            /** @description The law used. */
            legalBasis: string | null;
        };
        PublicSolidarityActionResponse: {
            /** @description Title. */
            title: string;
            /**
             * @description Kind of action.
             * @enum {string}
             */
            type: "letter_writing" | "joint_statement" | "social_media" | "petition" | "solidarity_call" | "trial_monitoring" | "embassy_visit" | "side_event" | "public_event" | "media_outreach" | "other";
            /**
             * Format: date
             * @description First day.
             */
            startsOn: string;
            /**
             * Format: date
             * @description Last day.
             */
            endsOn: string | null;
            /** @description Links. */
            links: string[];
        };
        PublicProfileResponse: {
            /** @description Public address of the profile. */
            slug: string;
            /** @description Name shown publicly. */
            displayName: string;
            /** @description Country of detention (ISO 3166-1 alpha-2). */
            country: string;
            /** @description Their work as a defender. */
            focus: ("journalist" | "lawyer" | "environmental" | "land_rights" | "womens_rights" | "lgbtqi_rights" | "labour_rights" | "student" | "indigenous_rights" | "minority_rights" | "pro_democracy" | "other")[];
            /** @description Public summary. */
            publicSummary: string;
            /** @description Photo (with photo consent only). */
            photo: components["schemas"]["PublicPhotoResponse"] | null;
            /**
             * @description Current status, derived from the timeline.
             * @enum {string}
             */
            status: "detained" | "house_arrest" | "conditionally_released" | "released" | "disappeared" | "deceased" | "unknown";
            /**
             * Format: date
             * @description Start of the current detention.
             */
            detainedSince: string | null;
            /** @description Days in the current detention. */
            daysDetained: number | null;
            /** @description Public story. */
            publicStory: string | null;
            /** @description Charges cleared for publication. */
            charges: components["schemas"]["PublicChargeResponse"][];
            /** @description Public solidarity actions. */
            solidarityActions: components["schemas"]["PublicSolidarityActionResponse"][];
        };
        PutPublicationDto: {
            /** @description true features the profile on the public feed (needs the current public_profile consent, and photo consent for a photo); false unpublishes it. */
            featured: boolean;
            /** @description The name shown publicly (1-200 characters). Defaults to the defender's full name when the publication is first saved. The slug is made from it once and then kept. */
            displayName?: string;
            /** @description Public summary (1-1,000 characters). Required when the publication is first saved. */
            publicSummary?: string;
            /** @description The public (first-person) story, up to 20,000 characters; null removes it. */
            publicStory?: string | null;
            /** @description A photo cleared for publication, by address (needs photo consent); null removes it. Setting it removes a photo document chosen before. */
            photo?: components["schemas"]["PublicPhotoDto"] | null;
            /**
             * Format: uuid
             * @description A document of this defender as the public photo: of kind photo, an image (JPEG, PNG, WebP), not confidential, not deleted; else 400 naming this field. Needs the current photo consent (409 consent_required, purpose photo), even before featuring. The feed serves a resized copy without metadata at /public/v1/defenders/{slug}/photo, only while all of this still holds. Replaces a photo given by address; null removes it. Not together with photo.
             */
            photoDocumentId?: string | null;
            /** @description Text alternative of the photo document (1-300 characters; null: "Photo of <display name>"). Shown publicly: never put in it what the profile does not say. */
            photoAlt?: string | null;
            /** @description Timeline events (arrest, rearrest, charge, verdict, sentence, appeal) of this defender whose charges and legal basis the public profile shows (up to 50). Replaces the list. */
            publicChargeEventIds?: string[];
        };
        PublicProfileSummaryResponse: {
            /** @description Public address of the profile. */
            slug: string;
            /** @description Name shown publicly. */
            displayName: string;
            /** @description Country of detention (ISO 3166-1 alpha-2). */
            country: string;
            /** @description Their work as a defender. */
            focus: ("journalist" | "lawyer" | "environmental" | "land_rights" | "womens_rights" | "lgbtqi_rights" | "labour_rights" | "student" | "indigenous_rights" | "minority_rights" | "pro_democracy" | "other")[];
            /** @description Public summary. */
            publicSummary: string;
            /** @description Photo (with photo consent only). */
            photo: components["schemas"]["PublicPhotoResponse"] | null;
            /**
             * @description Current status, derived from the timeline.
             * @enum {string}
             */
            status: "detained" | "house_arrest" | "conditionally_released" | "released" | "disappeared" | "deceased" | "unknown";
            /**
             * Format: date
             * @description Start of the current detention.
             */
            detainedSince: string | null;
            /** @description Days in the current detention. */
            daysDetained: number | null;
        };
        PublicPageResponse: {
            /** @description Featured profiles, most recently published first. */
            data: components["schemas"]["PublicProfileSummaryResponse"][];
            /** @description Cursor of the next page; null on the last. */
            nextCursor: string | null;
        };
        AssigneeResponse: {
            /**
             * Format: uuid
             * @description User id.
             */
            userId: string;
            /** @description Name. */
            name: string;
            /** @description Email. */
            email: string;
            /** @description Role. */
            role: string;
            /**
             * Format: date-time
             * @description Assigned at.
             */
            assignedAt: string;
        };
        AssignDto: {
            /**
             * Format: uuid
             * @description The caseworker (or coordinator) to assign.
             */
            userId: string;
        };
        ConsentResponse: {
            /**
             * @description What the consent is for.
             * @enum {string}
             */
            purpose: "public_profile" | "photo" | "un_submission" | "name_family_members" | "public_un_document";
            /**
             * @description given, refused, or revoked (a revocation takes effect at once).
             * @enum {string}
             */
            decision: "given" | "refused" | "revoked";
            /**
             * @description Who decided: the defender, a family member, a lawyer, or someone else.
             * @enum {string}
             */
            givenBy: "defender" | "family_member" | "lawyer" | "organisation" | "other";
            /**
             * @description How it was given.
             * @enum {string}
             */
            method: "written" | "oral" | "via_representative";
            /**
             * Format: date
             * @description When the decision was made (YYYY-MM-DD, not in the future).
             */
            decidedOn: string;
            /**
             * Format: date
             * @description When a given consent lapses (YYYY-MM-DD); a review is due before.
             */
            expiresOn?: string | null;
            /** @description Conditions or context (up to 1,000 characters). */
            notes?: string | null;
            /**
             * Format: uuid
             * @description Entry id.
             */
            id: string;
            /**
             * Format: uuid
             * @description Defender.
             */
            defenderId: string;
            /** @description Who recorded it. */
            recordedBy: string | null;
            /**
             * Format: date-time
             * @description When it was recorded.
             */
            recordedAt: string;
        };
        ConsentLedgerResponse: {
            /** @description The consent in force per purpose. */
            current: {
                [key: string]: components["schemas"]["CurrentConsentResponse"];
            };
            /** @description Every entry, oldest first. */
            entries: components["schemas"]["ConsentResponse"][];
        };
        CreateConsentDto: {
            /**
             * @description What the consent is for.
             * @enum {string}
             */
            purpose: "public_profile" | "photo" | "un_submission" | "name_family_members" | "public_un_document";
            /**
             * @description given, refused, or revoked (a revocation takes effect at once).
             * @enum {string}
             */
            decision: "given" | "refused" | "revoked";
            /**
             * @description Who decided: the defender, a family member, a lawyer, or someone else.
             * @enum {string}
             */
            givenBy: "defender" | "family_member" | "lawyer" | "organisation" | "other";
            /**
             * @description How it was given.
             * @enum {string}
             */
            method: "written" | "oral" | "via_representative";
            /**
             * Format: date
             * @description When the decision was made (YYYY-MM-DD, not in the future).
             */
            decidedOn: string;
            /**
             * Format: date
             * @description When a given consent lapses (YYYY-MM-DD); a review is due before.
             */
            expiresOn?: string | null;
            /** @description Conditions or context (up to 1,000 characters). */
            notes?: string | null;
        };
        AuditEventResponse: {
            /** @description Event id. */
            id: string;
            /**
             * Format: date-time
             * @description When (UTC).
             */
            at: string;
            /** @description Acting user, null for the system. */
            actorId: string | null;
            /** @description Role of the actor at the time. */
            actorRole: string;
            /** @description What was done, e.g. defender.update, auth.login_failed. */
            action: string;
            /** @description Kind of record. */
            entityType: string;
            /** @description Record id. */
            entityId: string | null;
            /** @description Defender concerned, if any. */
            subjectId: string | null;
            /** @description Changed fields {field: {from, to}}, or the facts of the action (a reason, a count); sensitive values redacted. */
            changes: {
                [key: string]: unknown;
            } | null;
            /** @description Request id. */
            requestId: string | null;
            /** @description Client IP. */
            ip: string | null;
            /** @description Hash of this row in the tamper-evident chain. */
            hash: string;
        };
        AuditPageResponse: {
            /** @description Events, newest first. */
            data: components["schemas"]["AuditEventResponse"][];
            /** @description Cursor for the next page; null on the last. */
            nextCursor: string | null;
        };
        CreateMilestoneDto: {
            /**
             * Format: uuid
             * @description The case it concerns (uuid). Omit or null for a general milestone (e.g. an HRC session); access to a case milestone follows the case.
             */
            defenderId?: string | null;
            /**
             * @description What kind of milestone.
             * @enum {string}
             */
            kind: "hearing" | "trial" | "verdict" | "sentence_end" | "detention_anniversary" | "wgad_reply_due" | "wgad_follow_up_due" | "source_comments_due" | "reply_due" | "publication_due" | "follow_up_due" | "submission_due" | "hrc_session" | "upr_review" | "wgad_session" | "regional_session" | "consent_review" | "profile_review" | "solidarity_action" | "custom";
            /**
             * @description Short title (1-300 characters), shown in reminders.
             * @example Appeal hearing, Cairo Criminal Court
             */
            title: string;
            /**
             * Format: date-time
             * @description When it is due: an ISO 8601 timestamp WITH a zone or offset (Z or +02:00); one without is refused. For an all-day milestone the date as written is the due date.
             * @example 2026-07-01T09:30:00+02:00
             */
            dueAt: string;
            /**
             * @description A day rather than a moment: reminders count from a fixed local hour on that date in each recipient's time zone.
             * @default false
             */
            allDay?: boolean;
            /**
             * @description When to remind, before dueAt: ISO 8601 durations in weeks, days, hours or minutes (P7D, P1D, PT2H, P1DT12H), up to 366 days; at most 10. Default ["P1D"].
             * @example [
             *       "P7D",
             *       "P1D",
             *       "PT2H"
             *     ]
             */
            remindBefore?: string[];
            /** @description Who is reminded (user ids of active caseworkers, coordinators or admins; at most 20). Default: the creator. Empty: the case's assignees. */
            assigneeIds?: string[];
            /** @description Notes for the team (up to 5,000 characters). Never sent in emails or webhooks. */
            notes?: string | null;
            /**
             * @description open, done or cancelled. Done or cancelled milestones remind no one.
             * @default open
             * @enum {string}
             */
            status?: "open" | "done" | "cancelled";
        };
        MilestoneTitleMessageResponse: {
            /** @description What the title says, e.g. anniversary, event, unDeadline. */
            key: string;
            /** @description Its parameters: codes (an event type, a consent purpose, a country) and numbers. */
            params?: {
                [key: string]: (string | null) | number;
            };
        };
        MilestoneResponse: {
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /**
             * Format: uuid
             * @description The case it concerns; null for a general milestone.
             */
            defenderId: string | null;
            /**
             * @description What kind of milestone.
             * @enum {string}
             */
            kind: "hearing" | "trial" | "verdict" | "sentence_end" | "detention_anniversary" | "wgad_reply_due" | "wgad_follow_up_due" | "source_comments_due" | "reply_due" | "publication_due" | "follow_up_due" | "submission_due" | "hrc_session" | "upr_review" | "wgad_session" | "regional_session" | "consent_review" | "profile_review" | "solidarity_action" | "custom";
            /** @description Short title. */
            title: string;
            /** @description A derived milestone's title as a message key and parameters (codes and numbers), so a client can word it in its reader's language; title is its English wording. Null for a milestone typed by a person. Keys: event {type, place}, anniversary {years}, profileReview, consentReview {purpose}, solidarityAction {title}, escalation {procedure, clock}, unDeadline {session, number, body, title, deadline, label, country}, text {text}. */
            titleMessage: components["schemas"]["MilestoneTitleMessageResponse"] | null;
            /**
             * Format: date-time
             * @description When it is due (UTC).
             */
            dueAt: string;
            /** @description A day rather than a moment (dueAt is 00:00Z of that date). */
            allDay: boolean;
            /** @description Reminder offsets before dueAt (ISO 8601 durations). */
            remindBefore: string[];
            /** @description Who is reminded (user ids). */
            assigneeIds: string[];
            /** @description Notes for the team. */
            notes: string | null;
            /**
             * @description open, done or cancelled.
             * @enum {string}
             */
            status: "open" | "done" | "cancelled";
            /**
             * @description Where a derived milestone comes from (a timeline event, the arrest anniversary, the profile review, a consent); null when typed by a person.
             * @enum {string|null}
             */
            source: "event" | "anniversary" | "profile_review" | "consent" | "escalation" | "solidarity" | "un_calendar" | null;
            /** @description Version for If-Match (also in the ETag header). */
            version: number;
            /**
             * Format: date-time
             * @description Created at.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Last changed at.
             */
            updatedAt: string;
        };
        MilestonePageResponse: {
            /** @description This page, by dueAt then id. */
            data: components["schemas"]["MilestoneResponse"][];
            /** @description Cursor for the next page; null on the last page. */
            nextCursor: string | null;
        };
        UpdateMilestoneDto: {
            /**
             * Format: uuid
             * @description The case it concerns (uuid). Omit or null for a general milestone (e.g. an HRC session); access to a case milestone follows the case.
             */
            defenderId?: string | null;
            /**
             * @description What kind of milestone.
             * @enum {string}
             */
            kind?: "hearing" | "trial" | "verdict" | "sentence_end" | "detention_anniversary" | "wgad_reply_due" | "wgad_follow_up_due" | "source_comments_due" | "reply_due" | "publication_due" | "follow_up_due" | "submission_due" | "hrc_session" | "upr_review" | "wgad_session" | "regional_session" | "consent_review" | "profile_review" | "solidarity_action" | "custom";
            /**
             * @description Short title (1-300 characters), shown in reminders.
             * @example Appeal hearing, Cairo Criminal Court
             */
            title?: string;
            /**
             * Format: date-time
             * @description When it is due: an ISO 8601 timestamp WITH a zone or offset (Z or +02:00); one without is refused. For an all-day milestone the date as written is the due date.
             * @example 2026-07-01T09:30:00+02:00
             */
            dueAt?: string;
            /**
             * @description A day rather than a moment: reminders count from a fixed local hour on that date in each recipient's time zone.
             * @default false
             */
            allDay?: boolean;
            /**
             * @description When to remind, before dueAt: ISO 8601 durations in weeks, days, hours or minutes (P7D, P1D, PT2H, P1DT12H), up to 366 days; at most 10. Default ["P1D"].
             * @example [
             *       "P7D",
             *       "P1D",
             *       "PT2H"
             *     ]
             */
            remindBefore?: string[];
            /** @description Who is reminded (user ids of active caseworkers, coordinators or admins; at most 20). Default: the creator. Empty: the case's assignees. */
            assigneeIds?: string[];
            /** @description Notes for the team (up to 5,000 characters). Never sent in emails or webhooks. */
            notes?: string | null;
            /**
             * @description open, done or cancelled. Done or cancelled milestones remind no one.
             * @default open
             * @enum {string}
             */
            status?: "open" | "done" | "cancelled";
        };
        NotificationResponse: {
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /** @description Headline, e.g. "Hearing: Appeal hearing". */
            title: string;
            /** @description What is due and when. */
            body: string;
            /** @description Path inside Witness to open, e.g. /defenders/<id>. */
            link: string | null;
            /**
             * Format: uuid
             * @description The milestone it is about.
             */
            milestoneId: string | null;
            /**
             * Format: uuid
             * @description The case it is about, if any.
             */
            defenderId: string | null;
            /** @description Sent after its moment (the system was down). */
            late: boolean;
            /** @description About a case you may no longer see (unassigned, or the case is now restricted): its title, text, link and ids are withheld (checked when read, so they come back with access). */
            withheld: boolean;
            /**
             * Format: date-time
             * @description Delivered at.
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description Read at; null while unread.
             */
            readAt: string | null;
        };
        NotificationPageResponse: {
            /** @description This page, newest first. */
            data: components["schemas"]["NotificationResponse"][];
            /** @description Cursor for the next page; null on the last page. */
            nextCursor: string | null;
        };
        ReadAllResponse: {
            /** @description How many notifications were marked read. */
            updated: number;
        };
        NotificationPreferencesResponse: {
            /** @description Channels on. */
            channels: ("in_app" | "email" | "webhook")[];
            /** @description Where webhook reminders go, if set. */
            webhookUrl: string | null;
            /** @description The webhook signing secret: returned only in the answer that created or regenerated it. Keep it; it is not shown again. */
            webhookSecret?: string;
            /** @description Local hour of the daily digest; null when off. */
            digestHour: number | null;
        };
        NotificationPreferencesDto: {
            /**
             * @description Channels on: in_app (the inbox), email (when the server has SMTP), webhook (needs webhookUrl). Empty: no reminders.
             * @example [
             *       "in_app",
             *       "email"
             *     ]
             */
            channels: ("in_app" | "email" | "webhook")[];
            /**
             * @description Where webhook reminders are POSTed (up to 500 characters), signed with HMAC-SHA256 in the Witness-Signature header. An https URL (http is accepted outside production) to a public address: loopback, private, link-local, unique-local and other internal addresses and names are refused (400 naming webhookUrl) unless the operator allow-listed the host (WEBHOOK_ALLOW_HOSTS), and checked again after DNS at each delivery. Redirects are not followed. Null or absent removes it.
             * @example https://chat.example.org/hooks/witness
             */
            webhookUrl?: string | null;
            /**
             * @description Issue a new webhook signing secret (returned once in this answer); the old one stops working.
             * @default false
             */
            regenerateWebhookSecret?: boolean;
            /** @description Local hour (0-23, in your time zone) for a daily email digest of the day’s reminders; null for one email per reminder. */
            digestHour?: number | null;
        };
        DeliveryResponse: {
            /**
             * Format: uuid
             * @description Identifier.
             */
            id: string;
            /**
             * Format: uuid
             * @description The milestone reminded of.
             */
            milestoneId: string;
            /** @description The remindBefore offset it is for, e.g. P1D. */
            offset: string;
            /**
             * Format: uuid
             * @description Who it is for (user id).
             */
            recipientId: string;
            /**
             * @description How it goes out.
             * @enum {string}
             */
            channel: "in_app" | "email" | "webhook";
            /**
             * Format: date-time
             * @description When it is (or was) due to go out.
             */
            sendAt: string;
            /**
             * @description pending, queued, sent, failed (after its retries) or cancelled.
             * @enum {string}
             */
            state: "pending" | "queued" | "sent" | "failed" | "cancelled";
            /** @description Sent after its moment (the system was down). */
            late: boolean;
            /** @description Delivery attempts made. */
            attempts: number;
            /** @description Why the last attempt failed. */
            lastError: string | null;
            /**
             * Format: date-time
             * @description When it was sent.
             */
            sentAt: string | null;
        };
        CalendarFeedResponse: {
            /** @description Whether you have a working feed URL. */
            active: boolean;
            /** @description Names of defenders of standard cases are shown. */
            includeNames: boolean;
            /**
             * Format: date-time
             * @description When the feed was created; null if never.
             */
            createdAt: string | null;
            /**
             * Format: date-time
             * @description When its URL was last replaced; null if never.
             */
            rotatedAt: string | null;
            /**
             * Format: date-time
             * @description When a calendar last fetched the current URL (to within 15 minutes); null if not yet.
             */
            lastUsedAt: string | null;
            /**
             * Format: date-time
             * @description When it was revoked; null unless revoked.
             */
            revokedAt: string | null;
        };
        IssueCalendarFeedDto: {
            /**
             * @description Show the names of defenders of standard cases in the feed. Off by default: calendar services (Google, Microsoft) fetch and keep what the feed says. Restricted cases are never named. Absent keeps the current setting.
             * @default false
             */
            includeNames?: boolean;
        };
        IssuedCalendarFeedResponse: {
            /** @description Whether you have a working feed URL. */
            active: boolean;
            /** @description Names of defenders of standard cases are shown. */
            includeNames: boolean;
            /**
             * Format: date-time
             * @description When the feed was created; null if never.
             */
            createdAt: string | null;
            /**
             * Format: date-time
             * @description When its URL was last replaced; null if never.
             */
            rotatedAt: string | null;
            /**
             * Format: date-time
             * @description When a calendar last fetched the current URL (to within 15 minutes); null if not yet.
             */
            lastUsedAt: string | null;
            /**
             * Format: date-time
             * @description When it was revoked; null unless revoked.
             */
            revokedAt: string | null;
            /**
             * @description The private feed URL, shown this once (only a hash of its secret is kept). Anyone with it can read the feed.
             * @example https://witness.example.org/api/v1/calendar-feeds/3q2-7w…Yk.ics
             */
            url: string;
            /** @description The same URL as webcal://, which Outlook and Apple Calendar open as a subscription. */
            webcalUrl: string;
        };
        CurrentConsentResponse: {
            /** @description given, refused, revoked, expired or none. */
            state: string;
            /** @description True only when given and not expired. */
            granted: boolean;
            /** @description Date of the decision in force. */
            since: string | null;
            /** @description Expiry of the consent in force. */
            expiresOn: string | null;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The process is alive. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LivenessResponse"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description PostgreSQL and Redis answer. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReadinessResponse"];
                };
            };
            /** @description A dependency (PostgreSQL, Redis) is not answering; each one down is named. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuthController_login: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LoginDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LoginResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Problem */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuthController_logout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuthController_me: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuthController_enrol: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["MfaEnrolResponse"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuthController_confirm: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MfaConfirmResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UsersController_list: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["UserResponse"][];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
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
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UsersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id (uuid). */
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
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UsersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UsersController_deactivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id (uuid). */
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
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UsersController_reactivate: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id (uuid). */
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
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UsersController_resetMfa: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description User id (uuid). */
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
                    "application/json": components["schemas"]["UserResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnCalendarController_list: {
        parameters: {
            query?: {
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
                kind?: "hrc_session" | "wgad_session" | "upr_session" | "regional_session";
                /** @description Window start: entries with a session day or a deadline on or after this day (and on or before `to`). */
                from?: string;
                /** @description Window end (included). */
                to?: string;
                /** @description Entries concerning this state (ISO alpha-2). */
                country?: string;
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
                    "application/json": components["schemas"]["CalendarPageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnCalendarController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateCalendarEntryDto"];
            };
        };
        responses: {
            /** @description Created; ETag and Location set. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarEntryResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnCalendarController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Calendar entry id (uuid). */
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
                    "application/json": components["schemas"]["CalendarEntryResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnCalendarController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Calendar entry id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnCalendarController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Calendar entry id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateCalendarEntryDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarEntryResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    UnCalendarController_opportunities: {
        parameters: {
            query?: {
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
                /** @description Only cases of this state (ISO alpha-2). */
                country?: string;
            };
            header?: never;
            path: {
                /** @description Calendar entry id (uuid). */
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
                    "application/json": components["schemas"]["OpportunityPageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DefendersController_list: {
        parameters: {
            query?: {
                /** @description Full-text search over names, other names, organisation, summary, story and event descriptions; accent- and case-insensitive, each word a prefix. */
                q?: string;
                /** @description Country of detention (ISO 3166-1 alpha-2). */
                country?: string;
                /** @description Derived detention status. */
                status?: "detained" | "house_arrest" | "conditionally_released" | "released" | "disappeared" | "deceased" | "unknown";
                /** @description Area of work. */
                hrdFocus?: "journalist" | "lawyer" | "environmental" | "land_rights" | "womens_rights" | "lgbtqi_rights" | "labour_rights" | "student" | "indigenous_rights" | "minority_rights" | "pro_democracy" | "other";
                /** @description Risk level. */
                riskLevel?: "low" | "medium" | "high" | "critical";
                /** @description Tag (exact). */
                tag?: string;
                /** @description Include archived records. */
                archived?: boolean;
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Opaque cursor from the previous page's nextCursor. */
                cursor?: string;
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
                    "application/json": components["schemas"]["DefenderPageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DefendersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDefenderDto"];
            };
        };
        responses: {
            /** @description Created; ETag and Location headers are set. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DefenderResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DefendersController_get: {
        parameters: {
            query?: {
                /** @description Also find an archived record. */
                archived?: boolean;
            };
            header?: never;
            path: {
                /** @description Defender id (uuid). */
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
                    "application/json": components["schemas"]["DefenderResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DefendersController_archive: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Archived. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DefendersController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Defender id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateDefenderDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DefenderResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EventsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
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
                    "application/json": components["schemas"]["EventResponse"][];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EventsController_add: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEventDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EventsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
                id: string;
                /** @description Event id (uuid). */
                eventId: string;
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
                    "application/json": components["schemas"]["EventResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EventsController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Defender id (uuid). */
                id: string;
                /** @description Event id (uuid). */
                eventId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateEventDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EventResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ImportsController_template: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The template, UTF-8 with a byte-order mark. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ImportsController_importDefenders: {
        parameters: {
            query?: {
                /** @description Check every row and report every problem, but write nothing. */
                dryRun?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The CSV file (see the template, and docs/user-guide.md "Importing and exporting case records" for its columns). */
        requestBody: {
            content: {
                "text/csv": string;
            };
        };
        responses: {
            /** @description Dry run: every row is valid. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportDryRunResponse"];
                };
            };
            /** @description Imported. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportResultResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not text/csv (or not UTF-8). */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The file has problems (each by line and column); nothing was written. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ImportProblemDto"];
                };
            };
        };
    };
    ExportsController_defenders: {
        parameters: {
            query?: {
                /** @description Full-text search over names, other names, organisation, summary, story and event descriptions; accent- and case-insensitive, each word a prefix. */
                q?: string;
                /** @description Country of detention (ISO 3166-1 alpha-2). */
                country?: string;
                /** @description Derived detention status. */
                status?: "detained" | "house_arrest" | "conditionally_released" | "released" | "disappeared" | "deceased" | "unknown";
                /** @description Area of work. */
                hrdFocus?: "journalist" | "lawyer" | "environmental" | "land_rights" | "womens_rights" | "lgbtqi_rights" | "labour_rights" | "student" | "indigenous_rights" | "minority_rights" | "pro_democracy" | "other";
                /** @description Risk level. */
                riskLevel?: "low" | "medium" | "high" | "critical";
                /** @description Tag (exact). */
                tag?: string;
                /** @description Include archived records. */
                archived?: boolean;
                /** @description csv (spreadsheet-safe, UTF-8 with BOM) or json (an array). Without it, the Accept header decides; csv by default. */
                format?: "csv" | "json";
            };
            header?: {
                /** @description text/csv or application/json, when no format is given. */
                Accept?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, as an attachment named witness-defenders-DATE.csv|json. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                    "application/json": components["schemas"]["DefenderResponse"][];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EscalationsController_list: {
        parameters: {
            query?: {
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
                /** @description Mechanism. */
                mechanism?: "wgad" | "special_procedures" | "unhrc" | "upr" | "achpr" | "iachr" | "other" | "wgeid" | "ced" | "hrcttee" | "cat" | "cedaw" | "cerd" | "cescr" | "crc" | "crpd" | "cmw" | "sg_reprisals" | "ecthr" | "african_court";
                /** @description Kind. */
                kind?: "wgad_regular" | "wgad_urgent_action" | "sp_urgent_appeal" | "sp_allegation_letter" | "hrc_statement" | "hrc_side_event" | "upr_submission" | "regional_communication" | "wgeid_communication" | "wgeid_urgent_action" | "ced_urgent_action" | "treaty_communication" | "treaty_interim_measures" | "reprisals_report" | "iachr_precautionary_measures" | "achpr_provisional_measures" | "ecthr_rule_39" | "african_court_provisional";
                /** @description Workflow state. */
                state?: string;
                /** @description Concerning this defender. */
                defenderId?: string;
                /** @description A reply or follow-up falls due on or before this date. */
                dueBefore?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of escalations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationPageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EscalationsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateEscalationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EscalationsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Escalation id (uuid). */
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
                    "application/json": components["schemas"]["EscalationResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EscalationsController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Escalation id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateEscalationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EscalationsController_transitions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Escalation id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Steps, oldest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TransitionResponse"][];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EscalationsController_transition: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Escalation id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Something required is missing (each item in `missing`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EscalationsController_correctStepDate: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Escalation id (uuid). */
                id: string;
                /** @description Step id (uuid), from the workflow history. */
                transitionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CorrectStepDateDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Something required is missing (each item in `missing`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EscalationsController_mandates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Escalation id (uuid). */
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
                    "application/json": components["schemas"]["MandateSuggestionResponse"][];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    EscalationsController_forDefender: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of escalations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationPageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    QuestionnaireController_answers: {
        parameters: {
            query?: {
                /** @description Language the answers and labels are worded in (default en). */
                language?: "en" | "fr" | "es";
            };
            header?: never;
            path: {
                /** @description Escalation id (uuid). */
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
                    "application/json": components["schemas"]["AnswersResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    QuestionnaireController_override: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Escalation id (uuid). */
                id: string;
                /** @description The answer, e.g. arrest.place (those drawn from the record can be overridden). */
                field: "identity.familyName" | "identity.givenNames" | "identity.otherNames" | "identity.sex" | "identity.birth" | "identity.nationalities" | "identity.profession" | "arrest.date" | "arrest.place" | "arrest.forces" | "arrest.warrantShown" | "arrest.authority" | "arrest.reasons" | "arrest.legalBasis" | "detention.date" | "detention.duration" | "detention.forces" | "detention.places" | "detention.authority" | "detention.reasons" | "detention.legalBasis" | "detention.pretrialExtensions" | "detention.incommunicado" | "detention.houseArrest" | "detention.lawyerDenied" | "detention.familyDenied" | "remedies.steps";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OverrideAnswerDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EscalationResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    QuestionnaireController_returnToRecord: {
        parameters: {
            query?: {
                /** @description Whose answer (see the override). */
                defenderId?: string;
            };
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Escalation id (uuid). */
                id: string;
                /** @description The answer, e.g. arrest.place (those drawn from the record can be overridden). */
                field: "identity.familyName" | "identity.givenNames" | "identity.otherNames" | "identity.sex" | "identity.birth" | "identity.nationalities" | "identity.profession" | "arrest.date" | "arrest.place" | "arrest.forces" | "arrest.warrantShown" | "arrest.authority" | "arrest.reasons" | "arrest.legalBasis" | "detention.date" | "detention.duration" | "detention.forces" | "detention.places" | "detention.authority" | "detention.reasons" | "detention.legalBasis" | "detention.pretrialExtensions" | "detention.incommunicado" | "detention.houseArrest" | "detention.lawyerDenied" | "detention.familyDenied" | "remedies.steps";
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
                    "application/json": components["schemas"]["EscalationResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    QuestionnaireController_completeness: {
        parameters: {
            query?: {
                /** @description Language the answers and labels are worded in (default en). */
                language?: "en" | "fr" | "es";
                /** @description The edition to check (default submission; the public edition needs less). */
                edition?: "submission" | "public";
            };
            header?: never;
            path: {
                /** @description Escalation id (uuid). */
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
                    "application/json": components["schemas"]["CompletenessResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AnnexesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Escalation id (uuid). */
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
                    "application/json": components["schemas"]["AnnexSetResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AnnexesController_put: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Escalation id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutAnnexesDto"];
            };
        };
        responses: {
            /** @description The new list (with the ETag). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnnexSetResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DossiersController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Escalation id (uuid). */
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
                    "application/json": components["schemas"]["DossierResponse"][];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DossiersController_request: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Escalation id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DossierRequestDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DossierResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Something required is missing (each item in `missing`). */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DossiersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier id (uuid). */
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
                    "application/json": components["schemas"]["DossierResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DossiersController_content: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The PDF or HTML file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "text/html": string;
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DossiersController_bundle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Dossier id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The ZIP. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DocumentsController_list: {
        parameters: {
            query?: {
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
                /** @description Only this kind. */
                kind?: "warrant" | "charge_sheet" | "court_decision" | "medical" | "correspondence" | "photo" | "evidence" | "other";
                /** @description Only those linked to this timeline event. */
                eventId?: string;
                /** @description Only those linked to this escalation. */
                escalationId?: string;
            };
            header?: never;
            path: {
                /** @description Defender id (uuid). */
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
                    "application/json": components["schemas"]["DocumentPageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DocumentsController_upload: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The file (one). Accepted: PDF, JPEG, PNG, WebP, DOCX, ODT, plain UTF-8 text, recognised by content; at most UPLOAD_MAX_BYTES.
                     */
                    file: string;
                    /** @description Short title (1-300 characters), e.g. "Arrest warrant, 12 March 2026". */
                    title: string;
                    /**
                     * @description What the document is.
                     * @enum {string}
                     */
                    kind: "warrant" | "charge_sheet" | "court_decision" | "medical" | "correspondence" | "photo" | "evidence" | "other";
                    /**
                     * @description The language it is written in (BCP 47 tag: ar, en, fr, pt-BR).
                     * @example ar
                     */
                    language?: string;
                    /**
                     * Format: date
                     * @description The date the document bears (YYYY-MM-DD), e.g. a warrant's issue date.
                     */
                    date?: string;
                    /**
                     * @description Only the caseworkers assigned to the case, coordinators and admins see it (others: 404). Only they may set it.
                     * @enum {string}
                     */
                    confidential?: "true" | "false";
                    /** @description Who provided it (up to 2,000 characters). Sensitive: encrypted, shown only on the single document and never to viewers, never logged, redacted in the audit trail. */
                    sourceIdentity?: string;
                    /**
                     * Format: uuid
                     * @description A timeline event of the same case it documents (uuid).
                     */
                    eventId?: string;
                    /**
                     * Format: uuid
                     * @description An escalation concerning the case it belongs to (uuid).
                     */
                    escalationId?: string;
                    /**
                     * @description Keep it even if the same file (same SHA-256) is already on the case; otherwise that answers 409 naming the document that has it.
                     * @enum {string}
                     */
                    allowDuplicate?: "true" | "false";
                };
            };
        };
        responses: {
            /** @description Stored; ETag and Location headers are set. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentResponse"];
                };
            };
            /** @description Kept while the virus scanner is unreachable (current.scan = pending): listed, but not served until it is scanned clean. ETag and Location are set. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The file is larger than UPLOAD_MAX_BYTES. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not multipart, or the file is not an accepted type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Infected (signature named), or an unreadable image. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The virus scanner or the document store is down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DocumentsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Document id (uuid). */
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
                    "application/json": components["schemas"]["DocumentResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DocumentsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Document id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DocumentsController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Document id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateDocumentDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DocumentsController_content: {
        parameters: {
            query?: {
                /** @description An earlier version number (default: the latest). */
                version?: number;
            };
            header?: never;
            path: {
                /** @description Document id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": string;
                    "image/jpeg": string;
                    "image/png": string;
                    "image/webp": string;
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": string;
                    "application/vnd.oasis.opendocument.text": string;
                    "text/plain": string;
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DocumentsController_thumbnail: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Document id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The thumbnail. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/webp": string;
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DocumentsController_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Document id (uuid). */
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
                    "application/json": components["schemas"]["DocumentVersionResponse"][];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    DocumentsController_addVersion: {
        parameters: {
            query?: never;
            header?: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Document id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "multipart/form-data": {
                    /**
                     * Format: binary
                     * @description The file (one). Accepted: PDF, JPEG, PNG, WebP, DOCX, ODT, plain UTF-8 text, recognised by content; at most UPLOAD_MAX_BYTES.
                     */
                    file: string;
                    /**
                     * @description Keep it even if the same file (same SHA-256) is already on the case; otherwise that answers 409 naming the document that has it.
                     * @enum {string}
                     */
                    allowDuplicate?: "true" | "false";
                };
            };
        };
        responses: {
            /** @description The document with its new version. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentResponse"];
                };
            };
            /** @description The new version is kept while the virus scanner is unreachable (current.scan = pending): not served until it is scanned clean. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The file is larger than UPLOAD_MAX_BYTES. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not multipart, or the file is not an accepted type. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Infected (signature named), or an unreadable image. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The virus scanner or the document store is down. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SolidarityController_partners: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Partners. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerResponse"][];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SolidarityController_createPartner: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePartnerDto"];
            };
        };
        responses: {
            /** @description The partner (with ETag). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SolidarityController_partner: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The partner. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SolidarityController_updatePartner: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Identifier (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePartnerDto"];
            };
        };
        responses: {
            /** @description The partner. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SolidarityController_actions: {
        parameters: {
            query?: {
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
                /** @description Standing with this defender. */
                defenderId?: string;
                /** @description With this partner. */
                partnerId?: string;
                /** @description Kind of action. */
                type?: "letter_writing" | "joint_statement" | "social_media" | "petition" | "solidarity_call" | "trial_monitoring" | "embassy_visit" | "side_event" | "public_event" | "media_outreach" | "other";
                /** @description Status. */
                status?: "planned" | "done" | "cancelled";
                /** @description Actions running on or after this day. */
                from?: string;
                /** @description Actions starting on or before this day. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of actions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionPageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SolidarityController_createAction: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateActionDto"];
            };
        };
        responses: {
            /** @description The action (with ETag). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SolidarityController_action: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Identifier (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The action. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SolidarityController_updateAction: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Identifier (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateActionDto"];
            };
        };
        responses: {
            /** @description The action. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ActionResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReportsController_indicators: {
        parameters: {
            query?: {
                /** @description First day of the period (YYYY-MM-DD, included). Default: 1 January of the year of `to`. */
                from?: string;
                /** @description Last day of the period (YYYY-MM-DD, included). Default: today. Not before `from`, at most 20 years after it. */
                to?: string;
                /** @description Only what concerns defenders detained in this country (ISO 3166-1 alpha-2): their records, and the escalations and actions concerning at least one of them. Partners are counted through those escalations, whatever the partner's own country. */
                country?: string;
                /** @description csv for the CSV download (same as sending Accept: text/csv); default json. */
                format?: "json" | "csv";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report (or its CSV). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IndicatorsReportDto"];
                    "text/csv": components["schemas"]["IndicatorsReportDto"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ReportsController_records: {
        parameters: {
            query?: {
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
                /** @description First day of the period, as for the report. */
                from?: string;
                /** @description Last day of the period, as for the report. */
                to?: string;
                /** @description Country filter, as for the report. */
                country?: string;
            };
            header?: never;
            path: {
                /** @description The indicator (its `name` in the report); another name answers 404. */
                name: "new_profiles" | "profiles_featured" | "detained_at_period_end" | "releases" | "releases_after_escalation" | "escalations" | "wgad_opinions" | "mechanism_outcomes" | "government_replies" | "reply_deadlines_missed" | "solidarity_actions" | "partners_supported";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of records. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IndicatorRecordsPageDto"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PublicationController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The publication (with ETag). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PublicationController_put: {
        parameters: {
            query?: never;
            header?: {
                /** @description `*`: create only (412 if the defender already has a publication). */
                "If-None-Match"?: string;
                /** @description The ETag of the publication you read, to change it. Missing on an existing one: 428; stale: 412. */
                "If-Match"?: string;
            };
            path: {
                /** @description Defender id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutPublicationDto"];
            };
        };
        responses: {
            /** @description Changed (with ETag). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationResponse"];
                };
            };
            /** @description Created (with ETag). */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PublicationResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PublicationController_preview: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
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
                    "application/json": components["schemas"]["PublicProfileResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PublicationController_previewPhoto: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/webp": string;
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PublicController_list: {
        parameters: {
            query?: {
                /** @description Only profiles of this country of detention (ISO 3166-1 alpha-2). */
                country?: string;
                /** @description Only defenders with this focus. */
                focus?: "journalist" | "lawyer" | "environmental" | "land_rights" | "womens_rights" | "lgbtqi_rights" | "labour_rights" | "student" | "indigenous_rights" | "minority_rights" | "pro_democracy" | "other";
                /** @description Page size, 1-50. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
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
                    "application/json": components["schemas"]["PublicPageResponse"];
                };
            };
            /** @description Not modified: If-None-Match named the current ETag. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Over the per-address budget (PUBLIC_RATE_LIMIT_PER_MINUTE); see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PublicController_atom: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The Atom document. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/atom+xml": string;
                };
            };
            /** @description Not modified: If-None-Match named the current ETag. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Over the per-address budget (PUBLIC_RATE_LIMIT_PER_MINUTE); see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PublicController_profile: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Public address of the profile, e.g. amina-haddad. */
                slug: string;
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
                    "application/json": components["schemas"]["PublicProfileResponse"];
                };
            };
            /** @description Not modified: If-None-Match named the current ETag. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Over the per-address budget (PUBLIC_RATE_LIMIT_PER_MINUTE); see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    PublicController_photo: {
        parameters: {
            query?: {
                /** @description The version token from the profile's photo.url. A token that is not the current one gets 404 (the photo changed); without it, the current photo. */
                v?: string;
            };
            header?: never;
            path: {
                /** @description Public address of the profile, e.g. amina-haddad. */
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The image. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "image/webp": string;
                };
            };
            /** @description Not modified: If-None-Match named the current ETag. */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Over the per-address budget (PUBLIC_RATE_LIMIT_PER_MINUTE); see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CaseAccessController_assignees: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
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
                    "application/json": components["schemas"]["AssigneeResponse"][];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CaseAccessController_assign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignDto"];
            };
        };
        responses: {
            /** @description The assignees after the change. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AssigneeResponse"][];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CaseAccessController_unassign: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
                id: string;
                /** @description Assigned user id (uuid). */
                userId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Unassigned. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CaseAccessController_ledger: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
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
                    "application/json": components["schemas"]["ConsentLedgerResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CaseAccessController_record: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Defender id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateConsentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConsentResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CaseAccessController_history: {
        parameters: {
            query?: {
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
            };
            header?: never;
            path: {
                /** @description Defender id (uuid). */
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
                    "application/json": components["schemas"]["AuditPageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
                /** @description Entity type, e.g. defender, event, user, consent. */
                entityType?: string;
                /** @description Entity id. */
                entityId?: string;
                /** @description Acting user id. */
                actorId?: string;
                /** @description From (inclusive), ISO 8601. */
                from?: string;
                /** @description To (exclusive), ISO 8601. */
                to?: string;
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
                    "application/json": components["schemas"]["AuditPageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MilestonesController_list: {
        parameters: {
            query?: {
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
                /** @description Only this case (uuid). */
                defenderId?: string;
                /** @description Only this kind. */
                kind?: "hearing" | "trial" | "verdict" | "sentence_end" | "detention_anniversary" | "wgad_reply_due" | "wgad_follow_up_due" | "source_comments_due" | "reply_due" | "publication_due" | "follow_up_due" | "submission_due" | "hrc_session" | "upr_review" | "wgad_session" | "regional_session" | "consent_review" | "profile_review" | "solidarity_action" | "custom";
                /** @description Only this status. */
                status?: "open" | "done" | "cancelled";
                /** @description Only those this user is reminded of (uuid). */
                assigneeId?: string;
                /** @description Due at or after this moment (ISO 8601 timestamp with zone). */
                from?: string;
                /** @description Due before this moment (ISO 8601 timestamp with zone). */
                to?: string;
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
                    "application/json": components["schemas"]["MilestonePageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MilestonesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMilestoneDto"];
            };
        };
        responses: {
            /** @description Created; ETag and Location headers are set. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MilestoneResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MilestonesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Milestone id (uuid). */
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
                    "application/json": components["schemas"]["MilestoneResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MilestonesController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Milestone id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Cancelled. */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MilestonesController_update: {
        parameters: {
            query?: never;
            header: {
                /** @description The ETag of the version you read, e.g. "3". Missing: 428; stale: 412. */
                "If-Match": string;
            };
            path: {
                /** @description Milestone id (uuid). */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateMilestoneDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MilestoneResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The change conflicts with the current state. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Someone else changed the record since you read it: reload and re-apply. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description If-Match is required. */
            428: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MilestonesController_forDefender: {
        parameters: {
            query?: {
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Cursor from the previous page. */
                cursor?: string;
                /** @description Only this kind. */
                kind?: "hearing" | "trial" | "verdict" | "sentence_end" | "detention_anniversary" | "wgad_reply_due" | "wgad_follow_up_due" | "source_comments_due" | "reply_due" | "publication_due" | "follow_up_due" | "submission_due" | "hrc_session" | "upr_review" | "wgad_session" | "regional_session" | "consent_review" | "profile_review" | "solidarity_action" | "custom";
                /** @description Only this status. */
                status?: "open" | "done" | "cancelled";
                /** @description Only those this user is reminded of (uuid). */
                assigneeId?: string;
                /** @description Due at or after this moment (ISO 8601 timestamp with zone). */
                from?: string;
                /** @description Due before this moment (ISO 8601 timestamp with zone). */
                to?: string;
            };
            header?: never;
            path: {
                /** @description Defender id (uuid). */
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
                    "application/json": components["schemas"]["MilestonePageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    NotificationsController_inbox: {
        parameters: {
            query?: {
                /** @description Only notifications not yet read. */
                unread?: boolean;
                /** @description Page size, 1-200. */
                limit?: number;
                /** @description Opaque cursor from the previous page's nextCursor. */
                cursor?: string;
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
                    "application/json": components["schemas"]["NotificationPageResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    NotificationsController_readAll: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["ReadAllResponse"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    NotificationsController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description Notification id (uuid). */
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
                    "application/json": components["schemas"]["NotificationResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    NotificationsController_preferences: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["NotificationPreferencesResponse"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    NotificationsController_setPreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NotificationPreferencesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferencesResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    NotificationsController_deliveries: {
        parameters: {
            query?: {
                /** @description Only deliveries in this state, e.g. failed. */
                status?: "pending" | "queued" | "sent" | "failed" | "cancelled";
                /** @description How many, 1-500. */
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
                    "application/json": components["schemas"]["DeliveryResponse"][];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MyCalendarFeedController_get: {
        parameters: {
            query?: never;
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
                    "application/json": components["schemas"]["CalendarFeedResponse"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MyCalendarFeedController_issue: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueCalendarFeedDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IssuedCalendarFeedResponse"];
                };
            };
            /** @description Invalid input: malformed JSON, a wrong type, an unknown field or a bad value (each named in `errors`). */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is too large. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description The body is not of a media type this operation takes. */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MyCalendarFeedController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked (or there was none). */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No valid token: sign in (POST /api/v1/auth/login) and send Authorization: Bearer <token>. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Your role may not do this, or your second factor is not set up yet. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    CalendarFeedController_feed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The secret of the URL you were given (43 characters). */
                secret: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calendar. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description No such record (or it is archived). */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Over the per-address budget (PUBLIC_RATE_LIMIT_PER_MINUTE); see Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text format 0.0.4. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description Not signed in. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description Not an admin. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
}
