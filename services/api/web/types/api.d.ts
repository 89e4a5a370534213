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
         * @description Open and in-progress follow-ups actionable on `date` (created by the end of that day in the practice time zone, `PRACTICE_TZ`), overdue first, then by due time, then risk. A follow-up whose patient (the same person, at any facility) is in hospital now is not overdue (`patientInHospital`). `Accept: text/csv` or `format=csv` gives CSV (up to 1,000 rows): a header row of words, times as local ISO 8601 with the practice's UTC offset (`2026-12-06T09:30:00-05:00`), and kind, status, priority, disposition and risk as words.
         */
        get: {
            parameters: {
                query?: {
                    /** @description The day of the list, `YYYY-MM-DD` in the practice time zone (default today) */
                    date?: string;
                    /** @description Narrow the list to one team. Without it a navigator's list is one queue across all of their teams, and an admin's every team. */
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
                    /** @description Narrow the list to one team. Without it a navigator's list is one queue across all of their teams, and an admin's every team. */
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
        /**
         * Search follow-ups
         * @description Newest first, across the caller's teams (a navigator's own teams, an admin's every team) unless `team` narrows it. `q` finds a patient however the navigator knows them; combine it with the other filters (e.g. `status`).
         */
        get: {
            parameters: {
                query?: {
                    /** @description A patient: a name's prefix in any case and order ("smi", "jane smith", "smith, ja"), an MRN (exact or its start) or a phone number (at least 7 digits, any punctuation; matches numbers ending with them). 2–100 characters. */
                    q?: string;
                    mrn?: string;
                    kind?: "discharge" | "ed_visit";
                    status?: "open" | "in_progress" | "done" | "cancelled";
                    facility?: string;
                    /** @description Narrow the list to one team. Without it a navigator's list is one queue across all of their teams, and an admin's every team. */
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
                                }[];
                                nextCursor: string | null;
                            };
                            postAcute?: {
                                items: {
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
                                }[];
                                nextCursor: string | null;
                            };
                            noFollowUp?: {
                                items: {
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
    "/api/reports/measures/breakdown": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The impact measures of a period, one set of figures per team, facility, kind or risk
         * @description Each group's figures are counted from the members of that group, so a figure's groups add up to it. `readmit_30d` index stays without a discharge follow-up have no team or risk: they form the group with key null. Period fields and slices as GET /api/reports/measures.
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
                    /** @description only follow-ups of this kind; `ed_visit` leaves `readmit_30d` empty (its index stays are discharges) */
                    kind?: "discharge" | "ed_visit";
                    /** @description only follow-ups of this risk (their priority); `readmit_30d` counts index stays by their discharge follow-up's risk */
                    risk?: "high" | "normal";
                    /** @description what to group by */
                    by: "team" | "facility" | "kind" | "risk";
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
                            /** @enum {string} */
                            by: "team" | "facility" | "kind" | "risk";
                            groups: {
                                /** @description the team, facility, kind or risk of the group */
                                key: string | null;
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
    "/api/reports/workload": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Workload: open and overdue follow-ups per navigator and team, closed per day
         * @description Open and overdue are as of now (open or in progress; overdue: due before now); closed counts follow-ups closed in the period by the time of the close that stands. A navigator holds a follow-up by its latest claim or hand-off.
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
    "/api/follow-ups/{id}/tcm-readiness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A discharge follow-up's TCM claim readiness: contact, visit, med rec, CPT code, what is missing
         * @description CMS TCM rules (CPT 99495/99496), as docs/measures.md explains. 409 `not_discharge` for an ED-visit follow-up, `no_discharge` when the encounter has no discharge (a cancelled one). Audit-logged.
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
                            contact: {
                                /** @description end of the 2nd business day after the discharge date */
                                dueAt: string;
                                /** @description the first contact_made by dueAt */
                                madeAt: string | null;
                                /** @description contact_attempt actions by dueAt */
                                timelyAttempts: number;
                                /** @description contact by dueAt, or two timely documented attempts */
                                met: boolean;
                            };
                            visit: {
                                /** @description visit date of the latest logged appointment_scheduled */
                                date: string | null;
                                daysAfterDischarge: number | null;
                                within7Days: boolean;
                                within14Days: boolean;
                                /** @description the visit is today or later: not held yet */
                                upcoming: boolean;
                            };
                            medRec: {
                                /** @description practice date of the first med_reconciliation */
                                date: string | null;
                                /** @description on or before the visit date */
                                byVisit: boolean;
                            };
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
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/reports/tcm-readiness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * TCM claim readiness of the discharge follow-ups of a period, with a summary
         * @description The counted discharge follow-ups discharged in the period (as for the measures), in discharge order. Period fields and slices as GET /api/reports/measures (`kind=ed_visit` gives none). `format=csv` gives one row per follow-up. Audit-logged.
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
                    /** @description only follow-ups of this kind; `ed_visit` leaves `readmit_30d` empty (its index stays are discharges) */
                    kind?: "discharge" | "ed_visit";
                    /** @description only follow-ups of this risk (their priority); `readmit_30d` counts index stays by their discharge follow-up's risk */
                    risk?: "high" | "normal";
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
                            summary: {
                                total: number;
                                /** @description 7-day visits: 99496 with high-complexity decision making */
                                supports99496: number;
                                supports99495: number;
                                notSupported: number;
                                pending: number;
                            };
                            items: {
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
                                contact: {
                                    /** @description end of the 2nd business day after the discharge date */
                                    dueAt: string;
                                    /** @description the first contact_made by dueAt */
                                    madeAt: string | null;
                                    /** @description contact_attempt actions by dueAt */
                                    timelyAttempts: number;
                                    /** @description contact by dueAt, or two timely documented attempts */
                                    met: boolean;
                                };
                                visit: {
                                    /** @description visit date of the latest logged appointment_scheduled */
                                    date: string | null;
                                    daysAfterDischarge: number | null;
                                    within7Days: boolean;
                                    within14Days: boolean;
                                    /** @description the visit is today or later: not held yet */
                                    upcoming: boolean;
                                };
                                medRec: {
                                    /** @description practice date of the first med_reconciliation */
                                    date: string | null;
                                    /** @description on or before the visit date */
                                    byVisit: boolean;
                                };
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
                            }[];
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
    "/api/reports/measures": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Impact measures of a period: TCM contact and visits, med rec, ED follow-up, readmissions
         * @description Definitions in docs/measures.md. `format=csv` gives one row per measure (of the period asked for only). Periods span at most 400 days.
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
                    /** @description only follow-ups of this kind; `ed_visit` leaves `readmit_30d` empty (its index stays are discharges) */
                    kind?: "discharge" | "ed_visit";
                    /** @description only follow-ups of this risk (their priority); `readmit_30d` counts index stays by their discharge follow-up's risk */
                    risk?: "high" | "normal";
                    format?: "json" | "csv";
                    /** @description `previous` adds the previous period: as many calendar months before when the period is whole months, else as many days just before */
                    compare?: "previous";
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
                            /** @description with `compare=previous`: the same figures for the previous period */
                            previous?: {
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
                            };
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
                    /** @description only follow-ups of this kind; `ed_visit` leaves `readmit_30d` empty (its index stays are discharges) */
                    kind?: "discharge" | "ed_visit";
                    /** @description only follow-ups of this risk (their priority); `readmit_30d` counts index stays by their discharge follow-up's risk */
                    risk?: "high" | "normal";
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
    "/api/reports/measures/trend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Impact measures per week or month of a period, with the practice targets
         * @description Each bucket holds the figures of GET /api/reports/measures for its dates: ISO weeks (Monday to Sunday) or calendar months, the first and last clipped to the period. Periods span at most 400 days.
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
                    /** @description only follow-ups of this kind; `ed_visit` leaves `readmit_30d` empty (its index stays are discharges) */
                    kind?: "discharge" | "ed_visit";
                    /** @description only follow-ups of this risk (their priority); `readmit_30d` counts index stays by their discharge follow-up's risk */
                    risk?: "high" | "normal";
                    /** @description week: ISO weeks, Monday start; month: calendar months */
                    interval?: "week" | "month";
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
    "/api/teams/{team}/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A team's work per navigator, its unclaimed work and its open escalations
         * @description For a lead of the team (`adt team lead`) or an admin; other navigators get 403. Per holder of the team's work: open claimed, overdue and closed today (practice day); the unclaimed open and overdue follow-ups; the open escalations (a follow-up overdue by more than ESCALATE_OVERDUE_AFTER_MINUTES, its clock stopped while the patient is in hospital), oldest first, with the patient's name. Audit-logged as a read of patient data.
         */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    team: string;
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
                            team: string;
                            escalateOverdueAfterMinutes: number;
                            navigators: {
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
                            }[];
                            unclaimed: {
                                /** @description Open follow-ups nobody claimed */
                                open: number;
                                /** @description Of those, past due (patients in hospital not counted) */
                                overdue: number;
                            };
                            escalations: {
                                items: {
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
                                }[];
                                /** @description Open escalations shown (at most 200, oldest first) */
                                total: number;
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
    "/api/escalations/{id}/acknowledge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an escalated follow-up (its team lead or an admin)
         * @description Ends the escalation as `acknowledged`: the lead has seen the overdue work and owns what happens next; it is not escalated again. Handing the follow-up to a colleague ends an escalation as `reassigned`, closing it as `closed`. 409 when the escalation has already ended.
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
                            followUpId: string;
                            team: string;
                            /** @description ISO-8601 instant */
                            escalatedAt: string;
                            acknowledgedBy: string | null;
                            /** @description ISO-8601 instant */
                            acknowledgedAt: string | null;
                            /** @description ISO-8601 instant */
                            resolvedAt: string | null;
                            /** @enum {string|null} */
                            resolution: "acknowledged" | "reassigned" | "closed" | null;
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
                                /** @description The teams this user leads (their team view is /team) */
                                leads: string[];
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
                                /** @description The teams this user leads (their team view is /team) */
                                leads: string[];
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
                                /** @description The teams this user leads (their team view is /team) */
                                leads: string[];
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
                                /** @description The teams this user leads (their team view is /team) */
                                leads: string[];
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
                                /** @description usernames of the members who lead the team (`adt team lead`) */
                                leads: string[];
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
                            /** @description usernames of the members who lead the team (`adt team lead`) */
                            leads: string[];
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
    "/api/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Webhook subscriptions and how their deliveries stand (admins) */
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
        /**
         * Subscribe a receiver to webhook events (admins)
         * @description Events committed from now on are POSTed to the URL, signed per Standard Webhooks with the secret given. The secret is never returned. docs/webhooks.md lists each event’s data.
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
                        /** @description the receiver: https, on a public address unless WEBHOOK_ALLOW_PRIVATE */
                        url: string;
                        events: ("follow_up.created" | "follow_up.updated" | "follow_up.closed" | "encounter.admitted" | "encounter.discharged" | "patient.deceased")[];
                        /** @description the subscriber’s Standard Webhooks secret: whsec_ and the base64 of 24 to 64 random bytes */
                        secret: string;
                        /** @description narrows the events: each given field matches one value or any of a list */
                        filter?: {
                            facility?: string | string[];
                            team?: string | string[];
                            kind?: ("discharge" | "ed_visit") | ("discharge" | "ed_visit")[];
                        };
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
    "/api/subscriptions/{id}": {
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
         * Delete a webhook subscription (admins)
         * @description Nothing more is delivered to it; its pending deliveries end as dead and its secret is erased. Deleting it again answers the same.
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
    "/api/webhook-deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Webhook deliveries, newest first (ops, admins)
         * @description Ids and outcomes only; the receiver’s answers are not kept.
         */
        get: {
            parameters: {
                query?: {
                    subscriptionId?: string;
                    status?: "pending" | "delivered" | "dead";
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
    "/api/webhook-deliveries/{id}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a dead or delivered webhook delivery again (ops, admins)
         * @description It becomes pending with a fresh set of attempts and the same webhook-id, in its place in its follow-up’s order. A pending delivery is already on its way and is answered as it is.
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
