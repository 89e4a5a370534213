// Generated from the API's OpenAPI document by `npm run web-types -w @adt/api`. Do not edit.
// `paths` holds the JSON each GET route answers with 200.

export interface paths {
    /** The daily follow-up list */
    "/api/worklist": components["schemas"]["FollowUpPage"] | string;
    /** A fingerprint of the worklist that changes when a follow-up is added, updated or acted on */
    "/api/worklist/changes": {
        fingerprint: string;
    };
    /** Search follow-ups */
    "/api/follow-ups": components["responses"]["FollowUpPage"]["content"]["application/json"];
    /** One follow-up with patient, encounter, source messages and action history */
    "/api/follow-ups/{id}": components["schemas"]["FollowUp"] & {
        sourceMessages: components["schemas"]["SourceMessage"][];
        actions: components["schemas"]["CareAction"][];
    };
    /** Who a follow-up can be handed to: the active members of its team */
    "/api/follow-ups/{id}/colleagues": {
        items: {
            username: string;
            name: string;
        }[];
    };
    /** Who is in hospital now, post-acute discharges, and encounters without a follow-up */
    "/api/census": {
        windowDays: number;
        inHospital?: components["schemas"]["CensusPage"];
        postAcute?: components["schemas"]["CensusPage"];
        noFollowUp?: components["schemas"]["CensusPage"];
    };
    /** Stored inbound messages, newest first */
    "/api/messages": components["responses"]["MessagePage"]["content"]["application/json"];
    /** One stored message with its raw HL7 (segments separated by CR) and processing history */
    "/api/messages/{id}": components["schemas"]["StoredMessage"] & {
        raw: string | null;
        history: components["schemas"]["MessageHistoryEntry"][];
    };
    /** Per sending facility: last message, traffic today and in the last hour, ACK codes, rejects */
    "/api/ops/feeds": {
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
    /** Whether processing keeps up: stored messages waiting, queue depth, recent failures */
    "/api/ops/processing": {
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
    /** Test-feed messages, newest first, with the follow-ups they would have created */
    "/api/ops/sandbox": components["responses"]["SandboxMessagePage"]["content"]["application/json"];
    /** Sending facilities and their interface settings */
    "/api/facilities": {
        items: {
            /** @description Sending facility (MSH-4) as sent */
            code: string;
            displayName: string;
            /** @description IANA zone of timestamps without an offset; null: PRACTICE_TZ */
            timeZone: string | null;
            /** @description MSH-11 values accepted; null: MLLP_PROCESSING_IDS */
            processingIds: string[] | null;
            /** @description Subject CN of the TLS client certificate bound to it */
            certificateSubject: string | null;
            /** @description SHA-256 fingerprint (64 lowercase hex digits) of the bound certificate */
            certificateFingerprint: string | null;
            ackModeNotes: string;
            /**
             * @description test: its messages go to the sandbox
             * @enum {string}
             */
            mode: "live" | "test";
            /** @description ISO-8601 instant */
            updatedAt: string;
        }[];
    };
    /** The facility's interface specification sheet (Markdown), for the hospital's interface analyst */
    "/api/facilities/{code}/interface-spec": string;
    /** In-product alert states: what fires, since when, and whether it was announced */
    "/api/ops/alerts": components["responses"]["AlertList"]["content"]["application/json"];
    /** Patients with ADT events who are not on the loaded roster (no follow-ups are created) */
    "/api/patients/unattributed": {
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
    /** The impact measures of a period, one set of figures per team, facility, kind or risk */
    "/api/reports/measures/breakdown": {
        from: string;
        to: string;
        /** @enum {string} */
        by: "team" | "facility" | "kind" | "risk";
        groups: {
            /** @description the team, facility, kind or risk of the group */
            key: string | null;
            measures: components["schemas"]["MeasureFigure"][];
        }[];
    };
    /** Workload: open and overdue follow-ups per navigator and team, closed per day */
    "/api/reports/workload": {
        from: string;
        to: string;
        /** @description the instant open and overdue were counted at */
        asOf: string;
        navigators: {
            /** @description as in the care-action log: user:<username>, or an API token */
            actor: string;
            username: string | null;
            name: string;
            /** @description their teams among those reported */
            teams: string[];
            /** @description open and in-progress follow-ups they hold */
            open: number;
            /** @description of those, due before now */
            overdue: number;
            /** @description follow-ups they closed in the period */
            closed: number;
        }[];
        teams: {
            team: string;
            open: number;
            /** @description open and held by nobody */
            unclaimed: number;
            /** @description open and due before now */
            overdue: number;
            unclaimedOverdue: number;
        }[];
        /** @description every practice date of the period, zero days included */
        closedPerDay: {
            date: string;
            count: number;
        }[];
    };
    /** A discharge follow-up's TCM claim readiness: contact, visit, med rec, CPT code, what is missing */
    "/api/follow-ups/{id}/tcm-readiness": components["responses"]["TcmReadiness"]["content"]["application/json"];
    /** TCM claim readiness of the discharge follow-ups of a period, with a summary */
    "/api/reports/tcm-readiness": {
        from: string;
        to: string;
        summary: {
            total: number;
            /** @description 7-day visits: 99496 with high-complexity decision making */
            supports99496: number;
            supports99495: number;
            notSupported: number;
            pending: number;
        };
        items: components["schemas"]["TcmReadiness"][];
    } | string;
    /** Impact measures of a period: TCM contact and visits, med rec, ED follow-up, readmissions */
    "/api/reports/measures": {
        from: string;
        to: string;
        measures: components["schemas"]["MeasureFigure"][];
        /** @description with `compare=previous`: the same figures for the previous period */
        previous?: {
            from: string;
            to: string;
            measures: components["schemas"]["MeasureFigure"][];
        };
    } | string;
    /** A measure's denominator members, each with whether it is in the numerator */
    "/api/reports/measures/{id}/members": {
        /** @enum {string} */
        id: "tcm_contact_2bd" | "tcm_outreach_2bd" | "visit_7d" | "visit_14d" | "med_rec_30d" | "ed_contact_7d" | "readmit_30d" | "first_contact_hours";
        from: string;
        to: string;
        items: components["schemas"]["MeasureMember"][];
    };
    /** Impact measures per week or month of a period, with the practice targets */
    "/api/reports/measures/trend": {
        from: string;
        to: string;
        /** @enum {string} */
        interval: "week" | "month";
        /** @description the practice's goals per measure (docs/measures.md), not CMS thresholds */
        targets: {
            [key: string]: {
                /** @description a rate between 0 and 1, or hours for first_contact_hours */
                value: number;
                /** @enum {string} */
                better: "higher" | "lower";
                reason: string;
            };
        };
        buckets: {
            from: string;
            to: string;
            measures: components["schemas"]["MeasureFigure"][];
        }[];
    };
    /** A team's work per navigator, its unclaimed work and its open escalations */
    "/api/teams/{team}/overview": {
        team: string;
        escalateOverdueAfterMinutes: number;
        navigators: components["schemas"]["NavigatorWorkload"][];
        unclaimed: {
            /** @description Open follow-ups nobody claimed */
            open: number;
            /** @description Of those, past due (patients in hospital not counted) */
            overdue: number;
        };
        escalations: {
            items: components["schemas"]["Escalation"][];
            /** @description Open escalations shown (at most 200, oldest first) */
            total: number;
        };
    };
    /** Who is signed in, and the CSRF token for the page */
    "/api/session": components["responses"]["Session"]["content"]["application/json"];
    /** Every user */
    "/api/users": components["responses"]["UserList"]["content"]["application/json"];
    /** Every team with its members */
    "/api/teams": components["responses"]["TeamList"]["content"]["application/json"];
    /** API tokens, newest first (admins) */
    "/api/tokens": components["responses"]["TokenPage"]["content"]["application/json"];
    /** The audit log, newest first (admins) */
    "/api/audit": components["schemas"]["AuditPage"] | string;
    /** Webhook subscriptions and how their deliveries stand (admins) */
    "/api/subscriptions": {
        items: {
            id: string;
            url: string;
            events: string[];
            filter: {
                facility: string[];
                team: string[];
                kind: string[];
            };
            createdBy: string;
            /** @description ISO-8601 instant */
            createdAt: string;
            deliveries: {
                pending: number;
                delivered: number;
                dead: number;
                /** @description ISO-8601 instant */
                lastDeliveredAt: string | null;
                /** @description ISO-8601 instant */
                lastAttemptAt: string | null;
                /** @description HTTP status of the latest attempt */
                lastStatus: number | null;
                /** @description why the latest attempt failed, if it did */
                lastError: string | null;
            };
        }[];
    };
    /** Webhook deliveries, newest first (ops, admins) */
    "/api/webhook-deliveries": components["responses"]["WebhookDeliveryPage"]["content"]["application/json"];
    /** Words for stored codes, and the rule constants the pages explain */
    "/api/vocabulary": {
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Principal: {
            /** @enum {string} */
            kind: "session" | "token";
            /** @enum {string} */
            role: "navigator" | "ops" | "admin";
            displayName: string;
            actor: string;
            teams: string[];
            /** @description The teams this user leads (their team view is /team) */
            leads: string[];
        };
        Session: {
            /** @description null when nobody is signed in */
            user: components["schemas"]["Principal"] | null;
            /** @description Send as X-CSRF-Token on cookie-authenticated POST/PATCH/DELETE */
            csrfToken: string;
            /** @description Dates in the inbox are shown in this IANA time zone */
            practiceTimeZone: string;
            idleTimeoutMs: number;
            /** @description How people sign in here */
            signIn: {
                /** @description Whether `POST /api/session` takes a username and password */
                password: boolean;
                /** @description The identity provider of "Sign in with …" (`GET /auth/oidc/start`); null: none */
                provider: string | null;
            };
        };
        User: {
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
        Team: {
            name: string;
            displayName: string;
            /** @description usernames */
            members: string[];
            /** @description usernames of the members who lead the team (`adt team lead`) */
            leads: string[];
            /** @description follow-ups no roster entry or team rule assigns go here (unless DEFAULT_TEAM is set) */
            isDefault: boolean;
            /** @description ISO-8601 instant */
            createdAt: string;
        };
        FollowUp: {
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
                /** @description "Family, Given Middle" in normal case (McDonald, O'Brien); the parts as sent below */
                name: string;
                /** @description PID-5.1 as sent */
                familyName: string;
                /** @description PID-5.2 as sent */
                givenName: string;
                birthDate: string | null;
                sex: string;
                /** @description The first PID-13 number (every number: `phones`) */
                phone: string;
                /** @description Every PID-13 (home) then PID-14 (business) repetition that carries a number, in message order */
                phones: {
                    /** @description As sent: XTN.1, else area code + number (+ extension), else XTN.12 or the e-mail */
                    number: string;
                    /** @description XTN.2 use code: PRN home, WPN work, ORN other, EMR emergency, NET e-mail */
                    use: string;
                    /** @description XTN.3 equipment: PH telephone, CP cell phone, FX fax, Internet */
                    equipment: string;
                    /**
                     * @description Where it was sent
                     * @enum {string}
                     */
                    field: "PID-13" | "PID-14" | "NK1-5" | "NK1-6";
                }[];
                /** @description Next of kin and other contacts (NK1) */
                contacts: {
                    /** @description NK1-2 in normal case */
                    name: string;
                    /** @description NK1-3, e.g. SPO spouse, DAU daughter (HL7 table 0063) */
                    relationship: {
                        code: string;
                        text: string;
                        codingSystem: string;
                    };
                    /** @description NK1-5 and NK1-6 */
                    phones: {
                        /** @description As sent: XTN.1, else area code + number (+ extension), else XTN.12 or the e-mail */
                        number: string;
                        /** @description XTN.2 use code: PRN home, WPN work, ORN other, EMR emergency, NET e-mail */
                        use: string;
                        /** @description XTN.3 equipment: PH telephone, CP cell phone, FX fax, Internet */
                        equipment: string;
                        /**
                         * @description Where it was sent
                         * @enum {string}
                         */
                        field: "PID-13" | "PID-14" | "NK1-5" | "NK1-6";
                    }[];
                }[];
                /** @description Preferred language (PID-15); null when never sent */
                language: {
                    code: string;
                    text: string;
                    codingSystem: string;
                } | null;
                /** @description PID-15 was sent and neither its code nor its text is one of `PRACTICE_LANGUAGE` (default en, eng, english; en-US counts as en) */
                interpreterNeeded: boolean;
                /** @description PID-11: the home repetition (XAD.7 = H) when marked, else the first; as sent */
                address: {
                    street: string;
                    other: string;
                    city: string;
                    state: string;
                    postalCode: string;
                    country: string;
                } | null;
                /** @description The practice roster's PCP when it names one, else PD1-4 from the messages */
                primaryCareProvider: {
                    name: string;
                    /** @enum {string} */
                    source: "roster" | "PD1-4";
                } | null;
                /** @description Payer and plan (IN1 segments in message order: the first is the primary coverage) */
                coverages: {
                    /** @description IN1-2.1 */
                    planId: string;
                    /** @description IN1-2.2 */
                    planName: string;
                    /** @description IN1-4 */
                    companyName: string;
                    /** @description IN1-36, else IN1-49 (insured’s id number) */
                    policyNumber: string;
                    /** @description IN1-8 */
                    groupNumber: string;
                }[];
            };
            encounter: {
                /** @description Sending facility (MSH-4) code */
                facility: string;
                /** @description The facility's display name (`adt facility name`), else its code */
                facilityName: string;
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
                /** @description PV2-3 admit reason; null when never sent */
                reasonForVisit: {
                    code: string;
                    text: string;
                    codingSystem: string;
                } | null;
                /** @description The first DG1 with DG1-6 = A (admitting), else the PV2-3 admit reason */
                admittingDiagnosis: {
                    code: string;
                    text: string;
                    codingSystem: string;
                    /** @enum {string} */
                    source: "DG1" | "PV2-3";
                } | null;
                /** @description Attending doctor (PV1-7) */
                attending: {
                    /** @description PV1-7.1 */
                    id: string;
                    /** @description In normal case, with the degree */
                    name: string;
                } | null;
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
            /** @description When the patient was last tried: the latest `contact_attempt` or `contact_made` (its `at`) */
            lastAttemptAt: string | null;
            /** @description An open inpatient, observation or ED stay (ED: arrival within 24 h) of the same person at any facility that began after this follow-up's event; null otherwise. Same person: the same record after merges, or any record sharing a PID-3 identifier and assigning authority with it, directly or through a chain */
            patientInHospital: {
                /** @description Sending facility (MSH-4) of the stay */
                facility: string;
                /** @description Its display name, else its code */
                facilityName: string;
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
        };
        CareAction: {
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
        Conflict: {
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
        SourceMessage: {
            messageId: string;
            eventType: string;
            /** @description ISO-8601 instant */
            occurredAt: string;
            /** @description ISO-8601 instant */
            receivedAt: string;
            controlId: string;
            note: string | null;
        };
        StoredMessage: {
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
            /** @description A test-feed message: what it made is sandbox data, never seen by navigators */
            sandbox: boolean;
        };
        Error: {
            error: string;
            message: string;
        };
        FollowUpPage: {
            items: components["schemas"]["FollowUp"][];
            nextCursor: string | null;
        };
        CensusEntry: {
            encounterId: string;
            patient: {
                id: string;
                mrn: string;
                /** @description "Family, Given" in normal case */
                name: string;
                birthDate: string | null;
                sex: string;
            };
            /** @description Sending facility (MSH-4) code */
            facility: string;
            /** @description The facility's display name (`adt facility name`), else its code */
            facilityName: string;
            visitNumber: string;
            /** @description PV1-3 as sent */
            location: string;
            /** @description PV1-2 as sent */
            patientClass: string;
            /** @enum {string|null} */
            censusClass: "inpatient" | "observation" | "emergency" | null;
            /** @description Admission (PV1-44), else the first event */
            since: string | null;
            /** @description The PV2-3 admit reason, else the first diagnosis sent (text, else code) */
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
        };
        CensusPage: {
            items: components["schemas"]["CensusEntry"][];
            nextCursor: string | null;
        };
        MessageHistoryEntry: {
            /** @description ISO-8601 instant */
            at: string;
            /** @description received, retransmission, applied, processed, failed, rejected or waiting */
            event: string;
            detail: string;
        };
        Rate: {
            numerator: number;
            denominator: number;
            /** @description numerator / denominator; null when the denominator is 0 */
            rate: number | null;
        };
        MeasureFigure: {
            /** @enum {string} */
            id: "readmit_30d";
            numerator: number;
            denominator: number;
            /** @description numerator / denominator; null when the denominator is 0 */
            rate: number | null;
            /** @description the period ended less than 30 days ago: readmissions may still come */
            provisional: boolean;
            groups: {
                contacted_2bd: components["schemas"]["Rate"];
                not_contacted_2bd: components["schemas"]["Rate"];
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
        };
        MeasureMember: {
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
            /** @enum {string} */
            kind?: "discharge" | "ed_visit";
            /**
             * @description null: an index stay without a discharge follow-up
             * @enum {string|null}
             */
            risk?: "high" | "normal" | null;
            inNumerator: boolean;
            readmissionEncounterId?: string | null;
            contacted2bd?: boolean;
            hours?: number;
        };
        TcmContact: {
            /** @description end of the 2nd business day after the discharge date */
            dueAt: string;
            /** @description the first contact_made by dueAt */
            madeAt: string | null;
            /** @description contact_attempt actions by dueAt */
            timelyAttempts: number;
            /** @description contact by dueAt, or two timely documented attempts */
            met: boolean;
        };
        TcmVisit: {
            /** @description visit date of the latest logged appointment_scheduled */
            date: string | null;
            daysAfterDischarge: number | null;
            within7Days: boolean;
            within14Days: boolean;
            /** @description the visit is today or later: not held yet */
            upcoming: boolean;
        };
        TcmMedRec: {
            /** @description practice date of the first med_reconciliation */
            date: string | null;
            /** @description on or before the visit date */
            byVisit: boolean;
        };
        TcmReadiness: {
            followUpId: string;
            patient: {
                id: string;
                mrn: string;
                assigningAuthority: string;
                familyName: string;
                givenName: string;
            };
            team: string;
            facility: string;
            /** @enum {string} */
            risk: "high" | "normal";
            /** @description practice date of the discharge */
            dischargeDate: string;
            contact: components["schemas"]["TcmContact"];
            visit: components["schemas"]["TcmVisit"];
            medRec: components["schemas"]["TcmMedRec"];
            /**
             * @description supports_99496: a 7-day visit, which supports 99496 if the decision making is of high complexity (else 99495)
             * @enum {string}
             */
            status: "supports_99496" | "supports_99495" | "not_supported" | "pending";
            /** @description the CPT codes the documentation supports */
            codes: ("99495" | "99496")[];
            /** @description the requirements the log does not meet (yet, when pending) */
            missing: ("no_timely_contact" | "no_visit_scheduled" | "visit_after_14_days" | "med_rec_not_by_visit" | "no_med_rec")[];
            /** @description a window is still open or the visit is still to come */
            pending: boolean;
        };
        NavigatorWorkload: {
            /** @description `user:<username>`, or another actor holding work */
            actor: string;
            username: string | null;
            displayName: string;
            /** @description false for a holder of the team's work who is no longer on the team */
            member: boolean;
            lead: boolean;
            /** @description Open and in-progress follow-ups this person holds */
            openClaimed: number;
            /** @description Of those, past due (a patient in hospital now does not count) */
            overdue: number;
            /** @description Follow-ups of the team this person closed today (practice day) */
            closedToday: number;
        };
        Escalation: {
            id: string;
            followUpId: string;
            /** @description ISO-8601 instant */
            escalatedAt: string;
            /** @description Minutes since it was escalated */
            ageMinutes: number;
            /** @description ISO-8601 instant */
            dueAt: string;
            /** @enum {string} */
            kind: "discharge" | "ed_visit";
            /** @description null: unclaimed */
            holder: {
                actor: string;
                name: string;
            } | null;
            /** @description FAMILY, Given */
            patientName: string;
        };
        MessagePage: {
            items: components["schemas"]["StoredMessage"][];
            nextCursor: string | null;
        };
        SandboxMessagePage: {
            items: {
                id: string;
                /** @description ISO-8601 instant */
                receivedAt: string;
                sendingFacility: string;
                controlId: string;
                messageType: string;
                /** @enum {string} */
                status: "received" | "processed" | "duplicate" | "rejected" | "failed";
                statusReason: string | null;
                ackCode: string | null;
                /** @description PV1-19 as sent; empty when none or not applied */
                visitNumber: string;
                /** @description The follow-ups of the message's visit, as they stand now: what the feed would have created live */
                followUps: {
                    id: string;
                    /** @enum {string} */
                    kind: "discharge" | "ed_visit";
                    /** @enum {string} */
                    status: "open" | "in_progress" | "done" | "cancelled";
                    statusReason: string | null;
                    team: string;
                    /** @description ISO-8601 instant */
                    dueAt: string;
                    /** @enum {string} */
                    priority: "high" | "normal";
                }[];
            }[];
            nextCursor: string | null;
        };
        AlertList: {
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
        UserList: {
            items: components["schemas"]["User"][];
        };
        TeamList: {
            items: components["schemas"]["Team"][];
        };
        TokenPage: {
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
        AuditPage: {
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
        };
        WebhookDeliveryPage: {
            items: {
                id: string;
                subscriptionId: string;
                eventId: string;
                type: string;
                followUpId: string | null;
                encounterId: string | null;
                patientId: string;
                /** @enum {string} */
                status: "pending" | "delivered" | "dead";
                attempts: number;
                /** @description ISO-8601 instant */
                lastAttemptAt: string | null;
                lastStatus: number | null;
                lastError: string | null;
                /** @description ISO-8601 instant */
                deliveredAt: string | null;
                /** @description ISO-8601 instant */
                createdAt: string;
            }[];
            nextCursor: string | null;
        };
    };
    responses: {
        /** @description Error */
        Error: {
            content: {
                "application/json": components["schemas"]["Error"];
            };
        };
        /** @description FollowUpPage */
        FollowUpPage: {
            content: {
                "application/json": components["schemas"]["FollowUpPage"];
            };
        };
        /** @description CareAction */
        CareAction: {
            content: {
                "application/json": components["schemas"]["CareAction"];
            };
        };
        /** @description Conflict */
        Conflict: {
            content: {
                "application/json": components["schemas"]["Conflict"];
            };
        };
        /** @description MessagePage */
        MessagePage: {
            content: {
                "application/json": components["schemas"]["MessagePage"];
            };
        };
        /** @description SandboxMessagePage */
        SandboxMessagePage: {
            content: {
                "application/json": components["schemas"]["SandboxMessagePage"];
            };
        };
        /** @description AlertList */
        AlertList: {
            content: {
                "application/json": components["schemas"]["AlertList"];
            };
        };
        /** @description TcmReadiness */
        TcmReadiness: {
            content: {
                "application/json": components["schemas"]["TcmReadiness"];
            };
        };
        /** @description Session */
        Session: {
            content: {
                "application/json": components["schemas"]["Session"];
            };
        };
        /** @description UserList */
        UserList: {
            content: {
                "application/json": components["schemas"]["UserList"];
            };
        };
        /** @description User */
        User: {
            content: {
                "application/json": components["schemas"]["User"];
            };
        };
        /** @description TeamList */
        TeamList: {
            content: {
                "application/json": components["schemas"]["TeamList"];
            };
        };
        /** @description Team */
        Team: {
            content: {
                "application/json": components["schemas"]["Team"];
            };
        };
        /** @description TokenPage */
        TokenPage: {
            content: {
                "application/json": components["schemas"]["TokenPage"];
            };
        };
        /** @description WebhookDeliveryPage */
        WebhookDeliveryPage: {
            content: {
                "application/json": components["schemas"]["WebhookDeliveryPage"];
            };
        };
    };
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
