// Generated from the API's OpenAPI document by `npm run web-types -w @adt/api`. Do not edit.

export interface paths {
    "/api/worklist": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The daily follow-up list
         * @description Open and in-progress follow-ups actionable on `date`, overdue first, then by due time, then risk. A follow-up whose patient (the same person, at any facility) is in hospital now is not overdue (`patientInHospital`). `Accept: text/csv` or `format=csv` gives CSV.
         */
        get: {
            parameters: {
                query?: {
                    date?: string;
                    team?: string;
                    status?: "open" | "in_progress";
                    format?: "json" | "csv";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                /** @enum {string} */
                                kind: "discharge" | "ed_visit";
                                /** @enum {string} */
                                status: "open" | "in_progress" | "done" | "cancelled";
                                statusReason: string | null;
                                /** @description ISO-8601 instant */
                                dueAt: string;
                                /** @description ISO-8601 instant */
                                visitDueBy: string | null;
                                /** @enum {string} */
                                priority: "high" | "normal";
                                /** @description LACE index (0–19); 10 or more is high risk */
                                riskScore: number | null;
                                /** @description Why the follow-up is high risk: LACE ≥ 10, left against medical advice, 4+ ED visits in 12 months */
                                riskFlags: ("lace_high" | "ama" | "frequent_ed")[];
                                team: string;
                                inEdNow: boolean;
                                dischargeCancelled: boolean;
                                patient: {
                                    mrn: string;
                                    assigningAuthority: string;
                                    /** @description FAMILY, Given Middle */
                                    name: string;
                                    familyName: string;
                                    givenName: string;
                                    birthDate: string | null;
                                    sex: string;
                                    phone: string;
                                };
                                encounter: {
                                    facility: string;
                                    visitNumber: string;
                                    patientClass: string;
                                    /** @description ISO-8601 instant */
                                    admittedAt: string | null;
                                    /** @description ISO-8601 instant */
                                    dischargedAt: string | null;
                                    disposition: string;
                                    diagnoses: {
                                        code: string;
                                        text: string;
                                        codingSystem: string;
                                    }[];
                                };
                                /** @description ISO-8601 instant */
                                createdAt: string;
                                /** @description ISO-8601 instant */
                                updatedAt: string;
                                /** @description Who holds the follow-up: the latest claim, or the colleague of the latest hand-off */
                                claimedBy: {
                                    actor: string;
                                    name: string;
                                    /** @description ISO-8601 instant */
                                    at: string;
                                } | null;
                                /** @description Contact attempts that did not reach the patient; TCM asks for two when unreachable */
                                failedAttempts: number;
                                /** @description An open inpatient, observation or ED stay (ED: arrival within 24 h) of the same person at any facility that began after this follow-up's event; null otherwise. Same person: the same record after merges, or any record sharing a PID-3 identifier and assigning authority with it, directly or through a chain */
                                patientInHospital: {
                                    /** @description Sending facility (MSH-4) of the stay */
                                    facility: string;
                                    /** @description Assigned location (PV1-3) as sent */
                                    location: string;
                                    /** @description PV1-2: I inpatient, O observation, E emergency */
                                    patientClass: string;
                                    /** @description Admission (PV1-44), else when the stay was first recorded */
                                    since: string;
                                } | null;
                                /** @description The first inpatient or observation admission of the same person after the discharge (or ED visit) this follow-up is about, within 30 days (practice dates); null otherwise */
                                readmittedAt: string | null;
                                /** @description The readmission's own discharge follow-up, when the same person was admitted again within 30 days of this discharge and that stay's discharge brought one. A superseded follow-up nobody logged work on reads as `cancelled` with reason `readmitted`; one with logged work stays to do */
                                supersededBy: string | null;
                                /** @description Past due and still open or in progress, and the patient is not in hospital: the clock does not count while they are */
                                overdue: boolean;
                            }[];
                            nextCursor: string | null;
                        } | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/worklist/changes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A fingerprint of the worklist that changes when a follow-up is added, updated or acted on
         * @description For live updates: poll this (it carries no patient data and is not audit-logged) and reload the worklist when the fingerprint changes.
         */
        get: {
            parameters: {
                query?: {
                    team?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            fingerprint: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search follow-ups */
        get: {
            parameters: {
                query?: {
                    mrn?: string;
                    kind?: "discharge" | "ed_visit";
                    status?: "open" | "in_progress" | "done" | "cancelled";
                    facility?: string;
                    team?: string;
                    from?: string;
                    to?: string;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                /** @enum {string} */
                                kind: "discharge" | "ed_visit";
                                /** @enum {string} */
                                status: "open" | "in_progress" | "done" | "cancelled";
                                statusReason: string | null;
                                /** @description ISO-8601 instant */
                                dueAt: string;
                                /** @description ISO-8601 instant */
                                visitDueBy: string | null;
                                /** @enum {string} */
                                priority: "high" | "normal";
                                /** @description LACE index (0–19); 10 or more is high risk */
                                riskScore: number | null;
                                /** @description Why the follow-up is high risk: LACE ≥ 10, left against medical advice, 4+ ED visits in 12 months */
                                riskFlags: ("lace_high" | "ama" | "frequent_ed")[];
                                team: string;
                                inEdNow: boolean;
                                dischargeCancelled: boolean;
                                patient: {
                                    mrn: string;
                                    assigningAuthority: string;
                                    /** @description FAMILY, Given Middle */
                                    name: string;
                                    familyName: string;
                                    givenName: string;
                                    birthDate: string | null;
                                    sex: string;
                                    phone: string;
                                };
                                encounter: {
                                    facility: string;
                                    visitNumber: string;
                                    patientClass: string;
                                    /** @description ISO-8601 instant */
                                    admittedAt: string | null;
                                    /** @description ISO-8601 instant */
                                    dischargedAt: string | null;
                                    disposition: string;
                                    diagnoses: {
                                        code: string;
                                        text: string;
                                        codingSystem: string;
                                    }[];
                                };
                                /** @description ISO-8601 instant */
                                createdAt: string;
                                /** @description ISO-8601 instant */
                                updatedAt: string;
                                /** @description Who holds the follow-up: the latest claim, or the colleague of the latest hand-off */
                                claimedBy: {
                                    actor: string;
                                    name: string;
                                    /** @description ISO-8601 instant */
                                    at: string;
                                } | null;
                                /** @description Contact attempts that did not reach the patient; TCM asks for two when unreachable */
                                failedAttempts: number;
                                /** @description An open inpatient, observation or ED stay (ED: arrival within 24 h) of the same person at any facility that began after this follow-up's event; null otherwise. Same person: the same record after merges, or any record sharing a PID-3 identifier and assigning authority with it, directly or through a chain */
                                patientInHospital: {
                                    /** @description Sending facility (MSH-4) of the stay */
                                    facility: string;
                                    /** @description Assigned location (PV1-3) as sent */
                                    location: string;
                                    /** @description PV1-2: I inpatient, O observation, E emergency */
                                    patientClass: string;
                                    /** @description Admission (PV1-44), else when the stay was first recorded */
                                    since: string;
                                } | null;
                                /** @description The first inpatient or observation admission of the same person after the discharge (or ED visit) this follow-up is about, within 30 days (practice dates); null otherwise */
                                readmittedAt: string | null;
                                /** @description The readmission's own discharge follow-up, when the same person was admitted again within 30 days of this discharge and that stay's discharge brought one. A superseded follow-up nobody logged work on reads as `cancelled` with reason `readmitted`; one with logged work stays to do */
                                supersededBy: string | null;
                                /** @description Past due and still open or in progress, and the patient is not in hospital: the clock does not count while they are */
                                overdue: boolean;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/follow-ups/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One follow-up with patient, encounter, source messages and action history */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            kind: "discharge" | "ed_visit";
                            /** @enum {string} */
                            status: "open" | "in_progress" | "done" | "cancelled";
                            statusReason: string | null;
                            /** @description ISO-8601 instant */
                            dueAt: string;
                            /** @description ISO-8601 instant */
                            visitDueBy: string | null;
                            /** @enum {string} */
                            priority: "high" | "normal";
                            /** @description LACE index (0–19); 10 or more is high risk */
                            riskScore: number | null;
                            /** @description Why the follow-up is high risk: LACE ≥ 10, left against medical advice, 4+ ED visits in 12 months */
                            riskFlags: ("lace_high" | "ama" | "frequent_ed")[];
                            team: string;
                            inEdNow: boolean;
                            dischargeCancelled: boolean;
                            patient: {
                                mrn: string;
                                assigningAuthority: string;
                                /** @description FAMILY, Given Middle */
                                name: string;
                                familyName: string;
                                givenName: string;
                                birthDate: string | null;
                                sex: string;
                                phone: string;
                            };
                            encounter: {
                                facility: string;
                                visitNumber: string;
                                patientClass: string;
                                /** @description ISO-8601 instant */
                                admittedAt: string | null;
                                /** @description ISO-8601 instant */
                                dischargedAt: string | null;
                                disposition: string;
                                diagnoses: {
                                    code: string;
                                    text: string;
                                    codingSystem: string;
                                }[];
                            };
                            /** @description ISO-8601 instant */
                            createdAt: string;
                            /** @description ISO-8601 instant */
                            updatedAt: string;
                            /** @description Who holds the follow-up: the latest claim, or the colleague of the latest hand-off */
                            claimedBy: {
                                actor: string;
                                name: string;
                                /** @description ISO-8601 instant */
                                at: string;
                            } | null;
                            /** @description Contact attempts that did not reach the patient; TCM asks for two when unreachable */
                            failedAttempts: number;
                            /** @description An open inpatient, observation or ED stay (ED: arrival within 24 h) of the same person at any facility that began after this follow-up's event; null otherwise. Same person: the same record after merges, or any record sharing a PID-3 identifier and assigning authority with it, directly or through a chain */
                            patientInHospital: {
                                /** @description Sending facility (MSH-4) of the stay */
                                facility: string;
                                /** @description Assigned location (PV1-3) as sent */
                                location: string;
                                /** @description PV1-2: I inpatient, O observation, E emergency */
                                patientClass: string;
                                /** @description Admission (PV1-44), else when the stay was first recorded */
                                since: string;
                            } | null;
                            /** @description The first inpatient or observation admission of the same person after the discharge (or ED visit) this follow-up is about, within 30 days (practice dates); null otherwise */
                            readmittedAt: string | null;
                            /** @description The readmission's own discharge follow-up, when the same person was admitted again within 30 days of this discharge and that stay's discharge brought one. A superseded follow-up nobody logged work on reads as `cancelled` with reason `readmitted`; one with logged work stays to do */
                            supersededBy: string | null;
                            /** @description Past due and still open or in progress, and the patient is not in hospital: the clock does not count while they are */
                            overdue: boolean;
                            sourceMessages: {
                                messageId: string;
                                eventType: string;
                                /** @description ISO-8601 instant */
                                occurredAt: string;
                                /** @description ISO-8601 instant */
                                receivedAt: string;
                                controlId: string;
                                note: string | null;
                            }[];
                            actions: {
                                id: string;
                                /** @enum {string} */
                                type: "contact_attempt" | "contact_made" | "appointment_scheduled" | "med_reconciliation" | "note" | "close" | "claim" | "hand_off" | "reopen";
                                outcome: string | null;
                                note: string | null;
                                /** @description ISO-8601 instant */
                                at: string;
                                actor: string;
                                /** @description The actor as people know them */
                                actorName: string;
                                /** @description ISO-8601 instant */
                                recordedAt: string;
                                /** @description On a take-over (`claim` with `takeOver`) or a `hand_off`: who held the follow-up before */
                                previousHolder: {
                                    /** @description As stored: `user:<username>`, or an API token */
                                    actor: string;
                                    /** @description As people know them */
                                    name: string;
                                } | null;
                                /** @description On a `hand_off`: the colleague who holds the follow-up now */
                                handedTo: {
                                    /** @description As stored: `user:<username>`, or an API token */
                                    actor: string;
                                    /** @description As people know them */
                                    name: string;
                                } | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/follow-ups/{id}/colleagues": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who a follow-up can be handed to: the active members of its team
         * @description For `hand_off`; carries no patient data.
         */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                username: string;
                                name: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/follow-ups/{id}/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Log a continuity-of-care action (append-only); `close` ends the follow-up, `reopen` undoes a close
         * @description `at` (default now) lies between the follow-up's event and now plus 5 minutes. `claim` takes the follow-up. A follow-up held by a colleague answers 409 `claimed` with `holder` (actor, name, username) unless the body has `"takeOver": true`; the take-over is logged with `previousHolder`. `hand_off` with `to: <username>` passes the follow-up to a colleague who is a member of its team (404 `unknown_user`, 400 `receiver_not_on_team` otherwise); passing on a colleague's follow-up needs `takeOver` too. `close` ends the follow-up. Outcomes: reached | unreachable | declined | seen_elsewhere | readmitted | other; `unreachable` needs two logged contact attempts (TCM; 409 `too_few_attempts`), `other` needs a note (400 `note_required`). `reopen` returns a closed (done) follow-up to in progress; the close stays in the log (409 `not_closed` on an open one, `cancelled` on one the hospital's messages cancelled). Suggested outcomes: `contact_attempt` no_answer | voicemail | wrong_number; `appointment_scheduled` the visit date (YYYY-MM-DD).
         */
        post: {
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
                    "application/json": {
                        /** @enum {string} */
                        type: "contact_attempt" | "contact_made" | "appointment_scheduled" | "med_reconciliation" | "note" | "close" | "claim" | "hand_off" | "reopen";
                        outcome?: string;
                        note?: string;
                        /** Format: date-time */
                        at?: string;
                        /** @description `claim`, `hand_off`: take the follow-up although a colleague holds it */
                        takeOver?: boolean;
                        /** @description `hand_off`: the username of a colleague on the team */
                        to?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @enum {string} */
                            type: "contact_attempt" | "contact_made" | "appointment_scheduled" | "med_reconciliation" | "note" | "close" | "claim" | "hand_off" | "reopen";
                            outcome: string | null;
                            note: string | null;
                            /** @description ISO-8601 instant */
                            at: string;
                            actor: string;
                            /** @description The actor as people know them */
                            actorName: string;
                            /** @description ISO-8601 instant */
                            recordedAt: string;
                            /** @description On a take-over (`claim` with `takeOver`) or a `hand_off`: who held the follow-up before */
                            previousHolder: {
                                /** @description As stored: `user:<username>`, or an API token */
                                actor: string;
                                /** @description As people know them */
                                name: string;
                            } | null;
                            /** @description On a `hand_off`: the colleague who holds the follow-up now */
                            handedTo: {
                                /** @description As stored: `user:<username>`, or an API token */
                                actor: string;
                                /** @description As people know them */
                                name: string;
                            } | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                            /** @description On `claimed`: the colleague holding the follow-up */
                            holder?: {
                                /** @description As stored: `user:<username>`, or an API token */
                                actor: string;
                                /** @description As people know them */
                                name: string;
                                /** @description Their username (null when the claim came from an API token) */
                                username: string | null;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/census": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is in hospital now, post-acute discharges, and encounters without a follow-up
         * @description Three lists: `inHospital` (inpatient, observation and ED stays not yet ended; an ED visit without a discharge for 48 h), `postAcute` (discharges to post-acute care or hospice in the last 30 days), `noFollowUp` (encounters with an event in the last 30 days that have no open, in-progress or done follow-up, with the reason). An encounter belongs to the team of its latest follow-up, else the team routing would choose (roster, team rules, default team); patients off a loaded roster belong to no team and only admins see them. Without `section` each list gives its first page; `section` with that list's `nextCursor` pages on.
         */
        get: {
            parameters: {
                query?: {
                    team?: string;
                    section?: "in_hospital" | "post_acute" | "no_follow_up";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            windowDays: number;
                            inHospital?: {
                                items: {
                                    encounterId: string;
                                    patient: {
                                        id: string;
                                        mrn: string;
                                        /** @description FAMILY, Given */
                                        name: string;
                                        birthDate: string | null;
                                        sex: string;
                                    };
                                    facility: string;
                                    visitNumber: string;
                                    /** @description PV1-3 as sent */
                                    location: string;
                                    /** @description PV1-2 as sent */
                                    patientClass: string;
                                    /** @enum {string|null} */
                                    censusClass: "inpatient" | "observation" | "emergency" | null;
                                    /** @description Admission (PV1-44), else the first event */
                                    since: string | null;
                                    /** @description The first diagnosis sent (text, else code) */
                                    reasonForVisit: string | null;
                                    /** @description PV1-45, else the time of the A03 */
                                    dischargedAt: string | null;
                                    disposition: string;
                                    /** @description Post-acute setting the patient went to, in words */
                                    destination: string | null;
                                    /**
                                     * @description Why the encounter has no follow-up; null when it has one
                                     * @enum {string|null}
                                     */
                                    noFollowUpReason: "in_hospital" | "expired" | "cancelled" | "not_eligible_class" | "not_attributed" | "post_acute" | "hospice" | "law_enforcement" | "admitted" | "discharge_cancelled" | "merged" | "unexplained" | null;
                                    /** @description The team that follows the patient; null when off the roster */
                                    team: string | null;
                                    lastEvent: {
                                        type: string;
                                        /** @description ISO-8601 instant */
                                        at: string;
                                    } | null;
                                }[];
                                nextCursor: string | null;
                            };
                            postAcute?: {
                                items: {
                                    encounterId: string;
                                    patient: {
                                        id: string;
                                        mrn: string;
                                        /** @description FAMILY, Given */
                                        name: string;
                                        birthDate: string | null;
                                        sex: string;
                                    };
                                    facility: string;
                                    visitNumber: string;
                                    /** @description PV1-3 as sent */
                                    location: string;
                                    /** @description PV1-2 as sent */
                                    patientClass: string;
                                    /** @enum {string|null} */
                                    censusClass: "inpatient" | "observation" | "emergency" | null;
                                    /** @description Admission (PV1-44), else the first event */
                                    since: string | null;
                                    /** @description The first diagnosis sent (text, else code) */
                                    reasonForVisit: string | null;
                                    /** @description PV1-45, else the time of the A03 */
                                    dischargedAt: string | null;
                                    disposition: string;
                                    /** @description Post-acute setting the patient went to, in words */
                                    destination: string | null;
                                    /**
                                     * @description Why the encounter has no follow-up; null when it has one
                                     * @enum {string|null}
                                     */
                                    noFollowUpReason: "in_hospital" | "expired" | "cancelled" | "not_eligible_class" | "not_attributed" | "post_acute" | "hospice" | "law_enforcement" | "admitted" | "discharge_cancelled" | "merged" | "unexplained" | null;
                                    /** @description The team that follows the patient; null when off the roster */
                                    team: string | null;
                                    lastEvent: {
                                        type: string;
                                        /** @description ISO-8601 instant */
                                        at: string;
                                    } | null;
                                }[];
                                nextCursor: string | null;
                            };
                            noFollowUp?: {
                                items: {
                                    encounterId: string;
                                    patient: {
                                        id: string;
                                        mrn: string;
                                        /** @description FAMILY, Given */
                                        name: string;
                                        birthDate: string | null;
                                        sex: string;
                                    };
                                    facility: string;
                                    visitNumber: string;
                                    /** @description PV1-3 as sent */
                                    location: string;
                                    /** @description PV1-2 as sent */
                                    patientClass: string;
                                    /** @enum {string|null} */
                                    censusClass: "inpatient" | "observation" | "emergency" | null;
                                    /** @description Admission (PV1-44), else the first event */
                                    since: string | null;
                                    /** @description The first diagnosis sent (text, else code) */
                                    reasonForVisit: string | null;
                                    /** @description PV1-45, else the time of the A03 */
                                    dischargedAt: string | null;
                                    disposition: string;
                                    /** @description Post-acute setting the patient went to, in words */
                                    destination: string | null;
                                    /**
                                     * @description Why the encounter has no follow-up; null when it has one
                                     * @enum {string|null}
                                     */
                                    noFollowUpReason: "in_hospital" | "expired" | "cancelled" | "not_eligible_class" | "not_attributed" | "post_acute" | "hospice" | "law_enforcement" | "admitted" | "discharge_cancelled" | "merged" | "unexplained" | null;
                                    /** @description The team that follows the patient; null when off the roster */
                                    team: string | null;
                                    lastEvent: {
                                        type: string;
                                        /** @description ISO-8601 instant */
                                        at: string;
                                    } | null;
                                }[];
                                nextCursor: string | null;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Stored inbound messages, newest first */
        get: {
            parameters: {
                query?: {
                    controlId?: string;
                    mrn?: string;
                    facility?: string;
                    status?: "received" | "processed" | "duplicate" | "rejected" | "failed";
                    /** @description Received at or after (ISO-8601) */
                    from?: string;
                    /** @description Received before (ISO-8601) */
                    to?: string;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                /** @description ISO-8601 instant */
                                receivedAt: string;
                                peerAddress: string | null;
                                sendingApplication: string;
                                sendingFacility: string;
                                controlId: string;
                                messageType: string;
                                versionId: string;
                                /** @enum {string} */
                                status: "received" | "processed" | "duplicate" | "rejected" | "failed";
                                statusReason: string | null;
                                ackCode: string | null;
                                duplicateOf: string | null;
                                controlIdReused: boolean;
                                attempts: number;
                                correlationId: string;
                                /** @description ISO-8601 instant */
                                processedAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One stored message with its raw HL7 (segments separated by CR) and processing history */
        get: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description ISO-8601 instant */
                            receivedAt: string;
                            peerAddress: string | null;
                            sendingApplication: string;
                            sendingFacility: string;
                            controlId: string;
                            messageType: string;
                            versionId: string;
                            /** @enum {string} */
                            status: "received" | "processed" | "duplicate" | "rejected" | "failed";
                            statusReason: string | null;
                            ackCode: string | null;
                            duplicateOf: string | null;
                            controlIdReused: boolean;
                            attempts: number;
                            correlationId: string;
                            /** @description ISO-8601 instant */
                            processedAt: string | null;
                            raw: string | null;
                            history: {
                                /** @description ISO-8601 instant */
                                at: string;
                                /** @description received, retransmission, applied, processed, failed, rejected or waiting */
                                event: string;
                                detail: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/messages/{id}/replay": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-run a failed (or still waiting) message through processing */
        post: {
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
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            replayed: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/messages/replay-failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Re-run every failed message */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            replayed: string[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/feeds": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per sending facility: last message, traffic today and in the last hour, ACK codes, rejects
         * @description Facilities with a message accepted in the last 7 days, by name; refused messages make no feed.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description ISO-8601 instant */
                            asOf: string;
                            items: {
                                /** @description Sending facility (MSH-4) */
                                facility: string;
                                /** @description ISO-8601 instant */
                                lastReceivedAt: string;
                                minutesSinceLast: number;
                                /** @description The feed-silent limit of this facility */
                                silentAfterMinutes: number;
                                /** @description Nothing received for longer than the limit */
                                silent: boolean;
                                /** @description Since midnight in the practice time zone */
                                messagesToday: number;
                                messagesLastHour: number;
                                rejectedToday: number;
                                ackCodesToday: {
                                    [key: string]: number;
                                };
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/processing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether processing keeps up: stored messages waiting, queue depth, recent failures */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            backlog: {
                                /** @description Stored messages not yet processed (status received) */
                                waiting: number;
                                /** @description ISO-8601 instant */
                                oldestReceivedAt: string | null;
                            };
                            /** @description BullMQ job counts; null while Redis does not answer */
                            queue: {
                                counts: {
                                    [key: string]: number;
                                };
                                /** @description ISO-8601 instant */
                                oldestWaitingAt: string | null;
                            } | null;
                            lastWindow: {
                                minutes: number;
                                failed: number;
                                processed: number;
                            };
                            retentionDays: number;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** In-product alert states: what fires, since when, and whether it was announced */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                /** @description The alert and its labels, e.g. feed_silent:GENERAL_HOSP */
                                key: string;
                                alert: string;
                                labels: {
                                    [key: string]: string;
                                };
                                firing: boolean;
                                summary: string;
                                /** @description When the condition last started (firing) or ended */
                                since: string;
                                /** @description ISO-8601 instant */
                                evaluatedAt: string;
                                /** @description The state last announced to the webhook; null: never */
                                notifiedFiring: boolean | null;
                                /** @description ISO-8601 instant */
                                notifiedAt: string | null;
                                /** @description Why the last announcement failed, until one succeeds */
                                notifyError: string | null;
                                runbook: string | null;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ops/queue/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume the ADT events queue if it is paused (audit-logged)
         * @description A paused queue processes nothing and makes `/readyz` answer 503; this ends the pause.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            queue: string;
                            paused: boolean;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/patients/unattributed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Patients with ADT events who are not on the loaded roster (no follow-ups are created)
         * @description Newest patient first. Empty when no roster is loaded: then every patient is routed.
         */
        get: {
            parameters: {
                query?: {
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                mrn: string;
                                assigningAuthority: string;
                                familyName: string;
                                givenName: string;
                                birthDate: string | null;
                                sex: string;
                                encounterCount: number;
                                /** @description ISO-8601 instant of the latest applied event */
                                lastEventAt: string | null;
                            }[];
                            nextCursor: string | null;
                            total: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/measures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Impact measures of a period: TCM contact and visits, med rec, ED follow-up, readmissions
         * @description Definitions in docs/measures.md. `format=csv` gives one row per measure. Periods span at most 400 days.
         */
        get: {
            parameters: {
                query: {
                    /** @description first practice date of the period, inclusive */
                    from: string;
                    /** @description last practice date of the period, inclusive */
                    to: string;
                    /** @description only this team's follow-ups (a navigator: one of theirs) */
                    team?: string;
                    /** @description only this facility, as follow-ups and encounters name it (the `facility` of a follow-up) */
                    facility?: string;
                    format?: "json" | "csv";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            from: string;
                            to: string;
                            measures: ({
                                /** @enum {string} */
                                id: "readmit_30d";
                                numerator: number;
                                denominator: number;
                                /** @description numerator / denominator; null when the denominator is 0 */
                                rate: number | null;
                                /** @description the period ended less than 30 days ago: readmissions may still come */
                                provisional: boolean;
                                groups: {
                                    contacted_2bd: {
                                        numerator: number;
                                        denominator: number;
                                        /** @description numerator / denominator; null when the denominator is 0 */
                                        rate: number | null;
                                    };
                                    not_contacted_2bd: {
                                        numerator: number;
                                        denominator: number;
                                        /** @description numerator / denominator; null when the denominator is 0 */
                                        rate: number | null;
                                    };
                                };
                            } | {
                                /** @enum {string} */
                                id: "first_contact_hours";
                                count: number;
                                /** @description nearest rank, hours */
                                median: number | null;
                                /** @description nearest rank, hours */
                                p90: number | null;
                            } | {
                                /** @enum {string} */
                                id: "tcm_contact_2bd" | "tcm_outreach_2bd" | "visit_7d" | "visit_14d" | "med_rec_30d" | "ed_contact_7d" | "readmit_30d" | "first_contact_hours";
                                numerator: number;
                                denominator: number;
                                /** @description numerator / denominator; null when the denominator is 0 */
                                rate: number | null;
                            })[];
                        } | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/measures/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A measure's denominator members, each with whether it is in the numerator
         * @description The patients behind a figure of GET /api/reports/measures, in event-date order. Audit-logged.
         */
        get: {
            parameters: {
                query: {
                    /** @description first practice date of the period, inclusive */
                    from: string;
                    /** @description last practice date of the period, inclusive */
                    to: string;
                    /** @description only this team's follow-ups (a navigator: one of theirs) */
                    team?: string;
                    /** @description only this facility, as follow-ups and encounters name it (the `facility` of a follow-up) */
                    facility?: string;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            id: "tcm_contact_2bd" | "tcm_outreach_2bd" | "visit_7d" | "visit_14d" | "med_rec_30d" | "ed_contact_7d" | "readmit_30d" | "first_contact_hours";
                            from: string;
                            to: string;
                            items: {
                                followUpId: string | null;
                                encounterId: string | null;
                                patient: {
                                    id: string;
                                    mrn: string;
                                    assigningAuthority: string;
                                    familyName: string;
                                    givenName: string;
                                };
                                eventDate: string;
                                team: string | null;
                                facility: string;
                                inNumerator: boolean;
                                readmissionEncounterId?: string | null;
                                contacted2bd?: boolean;
                                hours?: number;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in, and the CSRF token for the page
         * @description Open to everyone: the sign-in page reads its CSRF token here.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description null when nobody is signed in */
                            user: {
                                /** @enum {string} */
                                kind: "session" | "token";
                                /** @enum {string} */
                                role: "navigator" | "ops" | "admin";
                                displayName: string;
                                actor: string;
                                teams: string[];
                            } | null;
                            /** @description Send as X-CSRF-Token on cookie-authenticated POST/PATCH/DELETE */
                            csrfToken: string;
                            /** @description Dates in the inbox are shown in this IANA time zone */
                            practiceTimeZone: string;
                            idleTimeoutMs: number;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Sign in with username and password (sets the session cookie)
         * @description Needs the X-CSRF-Token header from `GET /api/session`. Five wrong passwords in a row for one username from one address lock sign-in for that username from that address (1 minute, doubling with each further failure up to 15 minutes); other addresses are not affected. Unknown usernames get the same answers.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        password: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description null when nobody is signed in */
                            user: {
                                /** @enum {string} */
                                kind: "session" | "token";
                                /** @enum {string} */
                                role: "navigator" | "ops" | "admin";
                                displayName: string;
                                actor: string;
                                teams: string[];
                            } | null;
                            /** @description Send as X-CSRF-Token on cookie-authenticated POST/PATCH/DELETE */
                            csrfToken: string;
                            /** @description Dates in the inbox are shown in this IANA time zone */
                            practiceTimeZone: string;
                            idleTimeoutMs: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        /** Sign out (ends the session and removes the cookie) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description null when nobody is signed in */
                            user: {
                                /** @enum {string} */
                                kind: "session" | "token";
                                /** @enum {string} */
                                role: "navigator" | "ops" | "admin";
                                displayName: string;
                                actor: string;
                                teams: string[];
                            } | null;
                            /** @description Send as X-CSRF-Token on cookie-authenticated POST/PATCH/DELETE */
                            csrfToken: string;
                            /** @description Dates in the inbox are shown in this IANA time zone */
                            practiceTimeZone: string;
                            idleTimeoutMs: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/session/password": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Change your own password (ends your other sessions) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        currentPassword: string;
                        newPassword: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description null when nobody is signed in */
                            user: {
                                /** @enum {string} */
                                kind: "session" | "token";
                                /** @enum {string} */
                                role: "navigator" | "ops" | "admin";
                                displayName: string;
                                actor: string;
                                teams: string[];
                            } | null;
                            /** @description Send as X-CSRF-Token on cookie-authenticated POST/PATCH/DELETE */
                            csrfToken: string;
                            /** @description Dates in the inbox are shown in this IANA time zone */
                            practiceTimeZone: string;
                            idleTimeoutMs: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every user */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                username: string;
                                displayName: string;
                                /** @enum {string} */
                                role: "navigator" | "ops" | "admin";
                                teams: string[];
                                disabled: boolean;
                                /** @description ISO-8601 instant */
                                lastSignInAt: string | null;
                                /** @description ISO-8601 instant */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Create a user
         * @description A navigator needs at least one team. Without a password the user cannot sign in yet.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        username: string;
                        /** @default  */
                        displayName?: string;
                        /** @enum {string} */
                        role: "navigator" | "ops" | "admin";
                        /** @default [] */
                        teams?: string[];
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            username: string;
                            displayName: string;
                            /** @enum {string} */
                            role: "navigator" | "ops" | "admin";
                            teams: string[];
                            disabled: boolean;
                            /** @description ISO-8601 instant */
                            lastSignInAt: string | null;
                            /** @description ISO-8601 instant */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/users/{id}": {
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
         * Change a user's name, role, teams, disabled state or password
         * @description Disabling ends the sessions and API tokens of the user at once; so does a new password.
         */
        patch: {
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
                    "application/json": {
                        displayName?: string;
                        /** @enum {string} */
                        role?: "navigator" | "ops" | "admin";
                        teams?: string[];
                        disabled?: boolean;
                        password?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            username: string;
                            displayName: string;
                            /** @enum {string} */
                            role: "navigator" | "ops" | "admin";
                            teams: string[];
                            disabled: boolean;
                            /** @description ISO-8601 instant */
                            lastSignInAt: string | null;
                            /** @description ISO-8601 instant */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/teams": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every team with its members */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                name: string;
                                displayName: string;
                                /** @description usernames */
                                members: string[];
                                /** @description follow-ups no roster entry or team rule assigns go here (unless DEFAULT_TEAM is set) */
                                isDefault: boolean;
                                /** @description ISO-8601 instant */
                                createdAt: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        /**
         * Add a team
         * @description The name is what follow-ups, roster entries and team rules carry.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        name: string;
                        /** @default  */
                        displayName?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            name: string;
                            displayName: string;
                            /** @description usernames */
                            members: string[];
                            /** @description follow-ups no roster entry or team rule assigns go here (unless DEFAULT_TEAM is set) */
                            isDefault: boolean;
                            /** @description ISO-8601 instant */
                            createdAt: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * API tokens, newest first (admins)
         * @description Every token with the user it acts as, revoked ones included. A token has its user’s role and teams at each request; disabling the user ends it. The secret is never returned.
         */
        get: {
            parameters: {
                query?: {
                    username?: string;
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                /** @description the label given at creation */
                                name: string;
                                /** @description the user the token acts as; null only for tokens made before tokens had users (revoked) */
                                username: string | null;
                                /** @description ISO-8601 instant */
                                createdAt: string;
                                /** @description refreshed at most once a minute */
                                lastUsedAt: string | null;
                                /** @description ISO-8601 instant */
                                revokedAt: string | null;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/tokens/{id}": {
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
         * Revoke an API token (admins)
         * @description The token answers 401 from the next request on. Revoking a revoked token changes nothing and answers the same.
         */
        delete: {
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
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            id: string;
                            /** @description the label given at creation */
                            name: string;
                            /** @description the user the token acts as; null only for tokens made before tokens had users (revoked) */
                            username: string | null;
                            /** @description ISO-8601 instant */
                            createdAt: string;
                            /** @description refreshed at most once a minute */
                            lastUsedAt: string | null;
                            /** @description ISO-8601 instant */
                            revokedAt: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The audit log, newest first (admins)
         * @description `followUpId` finds every entry that touched a follow-up: its detail reads, and the lists, searches and exports that showed it. `format=csv` gives CSV (up to `limit` rows).
         */
        get: {
            parameters: {
                query?: {
                    actor?: string;
                    action?: string;
                    resource?: string;
                    resourceId?: string;
                    followUpId?: string;
                    from?: string;
                    to?: string;
                    format?: "json" | "csv";
                    limit?: number;
                    cursor?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: {
                                id: string;
                                /** @description ISO-8601 instant */
                                at: string;
                                actor: string;
                                /** @description list, export, read, search, sign_in, sign_in_failed, sign_out, create, update, revoke, denied (a 403) */
                                action: string;
                                resource: string;
                                resourceId: string | null;
                                remoteAddress: string | null;
                                detail: {
                                    [key: string]: unknown;
                                } | null;
                            }[];
                            nextCursor: string | null;
                        } | string;
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/vocabulary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Words for stored codes, and the rule constants the pages explain
         * @description No patient data. The pages load it once; a code with no entry is shown as itself.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description PV1-36 discharge disposition (UB-04 patient status) → words */
                            dispositions: {
                                [key: string]: string;
                            };
                            /** @description PV1-2 patient class → words */
                            patientClasses: {
                                [key: string]: string;
                            };
                            /** @description ADT trigger event → words */
                            events: {
                                [key: string]: string;
                            };
                            /** @description contact_attempt outcome → words */
                            attemptOutcomes: {
                                [key: string]: string;
                            };
                            /** @description close outcome → words */
                            closeOutcomes: {
                                [key: string]: string;
                            };
                            /** @description follow-up kind → words */
                            kinds: {
                                [key: string]: string;
                            };
                            /** @description follow-up status → words */
                            statuses: {
                                [key: string]: string;
                            };
                            /** @description the constants of the rules the server applies, for screens that explain them */
                            rules: {
                                unreachableMinAttempts: number;
                                tcmContactBusinessDays: number;
                                visitHighComplexityDays: number;
                                visitModerateComplexityDays: number;
                                medRecDays: number;
                                edContactDays: number;
                                readmissionWindowDays: number;
                                dischargeDeadlineText: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: string;
                            message: string;
                        };
                    };
                };
            };
        };
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
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
