//! Which unanswered facts could still change who must be told, and by when.
//!
//! The reporting interview asks one question at a time, and only what can still matter. A fact not
//! answered yet (`null` in the facts JSON) is assessed with its safe value — the one that leaves
//! reports standing (docs/rules.md §9.1) — so the answer shown while the interview goes on never
//! misses a report; this module says which of those facts could still change it (an obligation,
//! its duty, a deadline or where it is sent), so that the interview asks those and no others.
//! `sonae-cli assess --open` prints them as `"open"`.
//!
//! A fact could change the answer when some way of answering the other open facts makes its own
//! answer decide something. The rules all have one shape — an obligation stands when its
//! conditions all hold and at least one of its triggers does — so for each part of the safe answer
//! the other open facts are moved, one at a time, to their least-reporting answer for as long as
//! that part stays as it is with this fact at its safe value. What is left is a situation where
//! the conditions still hold and this fact may be the only trigger; trying its other answers there
//! shows whether it decides the part. Answers that contradict the facts already given are never
//! tried (an `involved: false` settles every question about that data).

use chrono::{DateTime, Duration, FixedOffset};
use serde_json::Value;

use super::engine::{assess, Assessment, Authority, DeadlineStage, Delegate, DueBy, Duty};
use super::facts::{parse_facts, DataAtRisk, Facts, FactsError, IncidentCategory, IncidentStage};
use super::rule_set::RuleSet;

/// What `assess --open` answers: the assessment with every open fact at its safe value, and the
/// open facts that could still change it, by their contract names, in the contract's order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OpenAssessment {
    #[serde(flatten)]
    pub assessment: Assessment,
    pub open: Vec<&'static str>,
}

/// Facts read with some left open, every open one at its safe value.
#[derive(Debug, Clone, PartialEq)]
pub struct PartialFacts {
    pub facts: Facts,
    /// The facts given as `null`, by their contract names, in the contract's order.
    pub unanswered: Vec<&'static str>,
}

/// Reads a facts document in which `null` means "not answered yet": as [`parse_facts`], except
/// that each fact given as `null` takes its safe value and is listed. A missing field keeps its
/// meaning in the contract (false, 0, the general case). `organization.sector` has no safe value
/// (each sector brings reports of its own) and must be answered.
pub fn parse_partial_facts(json: &str) -> Result<PartialFacts, FactsError> {
    let value: Value = serde_json::from_str(json).map_err(|e| FactsError::Json(e.to_string()))?;
    let unanswered: Vec<&'static str> = FACTS.iter().map(|fact| fact.name).filter(|name| is_null(&value, name)).collect();
    if is_null(&value, "organization.sector") {
        return Err(FactsError::NoSafeAnswer("organization.sector".to_owned()));
    }
    Ok(PartialFacts::new(parse_facts(json)?, unanswered))
}

impl PartialFacts {
    /// `facts` with the facts named `unanswered` (contract names, in the contract's order) taken
    /// as not answered yet: each is given its safe value or, when the facts given contradict that
    /// (an `involved: false` and a question about that data), the first answer they allow.
    ///
    /// A count left open leaves open whether there is anyone to count: with `involved` (or
    /// `my_number_involved`) not given, it is taken as not answered too, since a count not known is
    /// "not known" only where the data is said to be involved.
    pub fn new(mut facts: Facts, mut unanswered: Vec<&'static str>) -> Self {
        for (count, involved) in [
            ("personal_data.subjects", "personal_data.involved"),
            ("personal_data.my_number_subjects", "personal_data.my_number_involved"),
            ("entrusted_data.subjects", "entrusted_data.involved"),
            ("entrusted_data.my_number_subjects", "entrusted_data.my_number_involved"),
        ] {
            let not_said = fact_named(involved).get(&facts) == Some(Answer::Said(None));
            if unanswered.contains(&count) && not_said && !unanswered.contains(&involved) {
                unanswered.push(involved);
            }
        }
        unanswered.sort_by_key(|name| FACTS.iter().position(|fact| fact.name == *name));
        for name in &unanswered {
            let fact = fact_named(name);
            let allowed = fact.answers(&facts).into_iter().find_map(|answer| with_answer(&facts, fact, answer, &unanswered));
            if let Some(settled) = allowed {
                facts = settled;
            }
        }
        PartialFacts { facts, unanswered }
    }
}

/// Assesses partial facts and says which open facts could still change the answer.
pub fn assess_open(partial: &PartialFacts) -> OpenAssessment {
    let assessment = assess(&partial.facts);
    let open = partial.unanswered.iter().copied().filter(|name| could_change(partial, fact_named(name))).collect();
    OpenAssessment { assessment, open }
}

/// The names of every fact that may be left open, in the contract's order.
pub fn fact_names() -> impl Iterator<Item = &'static str> {
    FACTS.iter().map(|fact| fact.name)
}

/// Which of the `open` facts must be settled, each the way that leaves the fewest reports, for
/// `authority` no longer to have to be told: a smallest set found by putting each back to its
/// safe value while the obligation stays lifted. Empty when settling all of them would not lift it
/// (it stands on what is known).
pub fn to_settle(partial: &PartialFacts, open: &[&'static str], authority: Authority) -> Vec<&'static str> {
    let stands = |facts: &Facts| assess(facts).obligations.iter().any(|o| o.authority == authority);
    let settled = |names: &[&'static str]| {
        names.iter().fold(partial.facts.clone(), |facts, name| {
            let fact = fact_named(name);
            fact.answers(&facts)
                .into_iter()
                .rev()
                .find_map(|answer| with_answer(&facts, fact, answer, &partial.unanswered))
                .unwrap_or(facts)
        })
    };
    let mut needed: Vec<&'static str> = open.to_vec();
    if stands(&settled(&needed)) {
        return Vec::new();
    }
    for name in open {
        let without: Vec<&'static str> = needed.iter().copied().filter(|n| n != name).collect();
        if !stands(&settled(&without)) {
            needed = without;
        }
    }
    needed
}

/// For each of the `answered` facts, the addressees that would also have to be told were it at
/// its safe value instead: what the answer lifted. Answers that lift nothing are left out.
pub fn lifted_by(facts: &Facts, answered: &[&'static str]) -> Vec<(&'static str, Vec<Authority>)> {
    let now: Vec<Authority> = assess(facts).obligations.iter().map(|o| o.authority).collect();
    answered
        .iter()
        .filter_map(|name| {
            let fact = fact_named(name);
            let safe = fact.answers(facts).into_iter().find_map(|answer| with_answer(facts, fact, answer, &[]))?;
            let lifted: Vec<Authority> =
                assess(&safe).obligations.iter().map(|o| o.authority).filter(|a| !now.contains(a)).collect();
            (!lifted.is_empty()).then_some((*name, lifted))
        })
        .collect()
}

/// Whether `fact`'s answer decides some part of the answer for some answers to the other open facts.
fn could_change(partial: &PartialFacts, fact: &OpenFact) -> bool {
    let base = &partial.facts;
    if decides(base, fact, &partial.unanswered, Part::Whole) {
        return true;
    }
    // Triggers are moved before conditions (exemptions, involvement, the stage): while another
    // trigger holds a part, a condition could be moved too, and the part would then hang on that
    // trigger alone. Among the triggers, head-counts go last: a count bounds others (My Numbers
    // belong to people among those counted), so a count moved while a flag still holds the part
    // could cut off the path that this fact would be the only trigger on.
    let (triggers, conditions): (Vec<&OpenFact>, Vec<&OpenFact>) = partial
        .unanswered
        .iter()
        .map(|name| fact_named(name))
        .filter(|other| other.name != fact.name && other.movable)
        .partition(|other| !other.is_condition());
    let (counts, flags): (Vec<&OpenFact>, Vec<&OpenFact>) = triggers.into_iter().partition(|other| other.is_count());
    let forward: Vec<&OpenFact> = flags.iter().chain(&counts).chain(&conditions).copied().collect();
    let backward: Vec<&OpenFact> =
        flags.iter().rev().chain(counts.iter().rev()).chain(conditions.iter().rev()).copied().collect();
    // Whether a body of data is involved is also a trigger of the reports that cover any body (the
    // Privacy Mark's): moving it first can leave the part hanging on the other body's facts alone.
    let conditions_first: Vec<&OpenFact> = conditions.iter().chain(&flags).chain(&counts).copied().collect();
    let safe_answer = assess(base);
    let parts = safe_answer.obligations.iter().flat_map(|o| {
        let dates = o.deadlines.iter().map(|d| Part::Due(o.authority, d.stage));
        [Part::Stands(o.authority), Part::SentTo(o.authority)].into_iter().chain(dates)
    });
    for part in parts {
        for order in [&forward, &backward, &conditions_first] {
            let mut situation = base.clone();
            let target = part.of(&assess(&situation));
            // Moves the others towards fewer reports until none can move without changing the part.
            // A pass that moves nothing ends it; moves only go one way, so a pass per fact is plenty.
            for _ in 0..=order.len() {
                let mut moved = false;
                for other in order {
                    // The answer leaving the fewest reports that the facts allow and that keeps
                    // the part, if it is not the one given already.
                    let now = other.get(&situation);
                    let lower = other
                        .answers(&situation)
                        .into_iter()
                        .rev()
                        .take_while(|answer| Some(*answer) != now)
                        .filter_map(|answer| with_answer(&situation, other, answer, &partial.unanswered))
                        // Never an answer that settles this fact's own question (no My Numbers
                        // there, no personal data): it could no longer decide anything.
                        .filter(|trial| fact.get(trial) == fact.get(&situation) && !fact.answers(trial).is_empty())
                        .find(|trial| part.of(&assess(trial)) == target);
                    if let Some(trial) = lower {
                        situation = trial;
                        moved = true;
                    }
                }
                if !moved {
                    break;
                }
            }
            if decides(&situation, fact, &partial.unanswered, part) {
                return true;
            }
        }
    }
    false
}

/// Whether answering `fact` otherwise than in `situation` changes `part` of the answer.
fn decides(situation: &Facts, fact: &OpenFact, unanswered: &[&'static str], part: Part) -> bool {
    let now = part.of(&assess(situation));
    fact.answers(situation)
        .into_iter()
        .filter_map(|answer| with_answer(situation, fact, answer, unanswered))
        .any(|other| part.of(&assess(&other)) != now)
}

/// One part of an answer, compared while looking for what a fact decides.
#[derive(Debug, Clone, Copy)]
enum Part {
    /// Everything.
    Whole,
    /// Whether an addressee must or should be told.
    Stands(Authority),
    /// The day of one of its deadlines.
    Due(Authority, DeadlineStage),
    /// The ministry its report is sent to in the PPC's place.
    SentTo(Authority),
}

/// A part of an answer as compared.
#[derive(Debug, PartialEq, Eq)]
enum PartValue {
    Whole(Assessment),
    Stands(Option<Duty>),
    Due(Option<DueBy>),
    SentTo(Option<Delegate>),
}

impl Part {
    fn of(self, assessment: &Assessment) -> PartValue {
        let find = |authority| assessment.obligations.iter().find(|o| o.authority == authority);
        match self {
            // The grounds are the reasons, not the answer: they are left out of every comparison.
            Part::Whole => PartValue::Whole(Assessment {
                rules: assessment.rules,
                obligations: assessment
                    .obligations
                    .iter()
                    .map(|o| super::Obligation { grounds: Vec::new(), ..o.clone() })
                    .collect(),
            }),
            Part::Stands(authority) => PartValue::Stands(find(authority).map(|o| o.duty)),
            Part::Due(authority, stage) => {
                PartValue::Due(find(authority).and_then(|o| o.deadlines.iter().find(|d| d.stage == stage)).map(|d| d.due_by))
            }
            Part::SentTo(authority) => PartValue::SentTo(find(authority).and_then(|o| o.submit_to)),
        }
    }
}

/// `facts` with `fact` answered `answer`, and the open facts that answer settles (the questions
/// about data in which there is no personal data, or no My Numbers) settled with it; `None` when
/// the facts given contradict it (a maximum below its count, or more My Numbers than people, too).
fn with_answer(facts: &Facts, fact: &OpenFact, answer: Answer, unanswered: &[&'static str]) -> Option<Facts> {
    let mut changed = facts.clone();
    fact.set(&mut changed, answer)?;
    let open = |name: &str| name != fact.name && unanswered.contains(&name);
    for body in [DataBody::Own, DataBody::Entrusted] {
        let prefix = body.prefix();
        let Some(data) = body.data(&mut changed) else { continue };
        let open = |field: &str| open(&format!("{prefix}{field}"));
        if data.involved == Some(false) {
            for field in SHOWS_INVOLVEMENT {
                if open(field) {
                    fact_named(&format!("{prefix}{field}")).clear(data);
                }
            }
        }
        if data.my_number_involved == Some(false) || data.involved == Some(false) {
            for field in ["my_number_subjects", "my_number_subjects_max", "my_number_public"] {
                if open(field) {
                    fact_named(&format!("{prefix}{field}")).clear(data);
                }
            }
        }
        // My Numbers belong to people among those affected: never more of them than the most
        // people there may be.
        if data.subjects_max.is_some_and(|most| data.my_number_subjects > most) {
            return None;
        }
    }
    changed.check().ok().map(|()| changed)
}

/// The fields of a body of data, besides `involved`, whose answer says that personal data is in it.
const SHOWS_INVOLVEMENT: [&str; 9] = [
    "subjects",
    "subjects_max",
    "subjects_unknown",
    "sensitive",
    "financial_damage_risk",
    "unlawful_purpose",
    "being_acquired",
    "my_number_involved",
    "eu_subjects",
];

/// The company's own data, or a client's.
#[derive(Debug, Clone, Copy)]
enum DataBody {
    Own,
    Entrusted,
}

impl DataBody {
    fn prefix(self) -> &'static str {
        match self {
            DataBody::Own => "personal_data.",
            DataBody::Entrusted => "entrusted_data.",
        }
    }

    fn data(self, facts: &mut Facts) -> Option<&mut DataAtRisk> {
        match self {
            DataBody::Own => Some(&mut facts.personal_data.at_risk),
            DataBody::Entrusted => facts.entrusted_data.as_mut().map(|entrusted| &mut entrusted.at_risk),
        }
    }
}

/// An answer to one fact.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Flag(bool),
    Said(Option<bool>),
    Count(u64),
    Most(Option<u64>),
    Stage(IncidentStage),
    Category(IncidentCategory),
    Occurred(Option<DateTime<FixedOffset>>),
}

/// How a fact is answered, with where it is kept in [`Facts`].
#[derive(Clone, Copy)]
enum Shape {
    /// Yes or no; "yes" leaves more reports standing.
    Trigger(Field<bool>),
    /// Yes or no; "yes" lifts reports (encryption, recovery, a client told).
    Exemption(Field<bool>),
    /// Yes or no, where only "no" settles anything (`involved`).
    Said(Field<Option<bool>>),
    /// A number of people; 0 is "not known" and is the safe answer.
    People(Field<u64>, Threshold),
    /// People in the EU/EEA: whether any.
    EuPeople(Field<u64>),
    /// The most that may be affected; the safe answer is above every threshold.
    Most(Field<Option<u64>>, Threshold),
    Stage,
    Category,
    /// When it happened: only the telecom report counts from it.
    Occurred,
}

/// Where a value is kept: in the facts, or in a body of data (`None` when the facts describe no
/// such body).
#[derive(Clone, Copy)]
enum Field<T: 'static> {
    Facts(fn(&mut Facts) -> Option<&mut T>),
    Data(DataBody, fn(&mut DataAtRisk) -> &mut T),
}

impl<T: Copy> Field<T> {
    fn get(self, facts: &Facts) -> Option<T> {
        let mut facts = facts.clone();
        self.place(&mut facts).map(|place| *place)
    }

    fn place(self, facts: &mut Facts) -> Option<&mut T> {
        match self {
            Field::Facts(place) => place(facts),
            Field::Data(body, place) => body.data(facts).map(place),
        }
    }
}

/// The head-counts the rules turn on, from the rules in force.
#[derive(Clone, Copy)]
enum Threshold {
    People,
    MyNumbers,
}

/// One fact that may be left open.
struct OpenFact {
    name: &'static str,
    shape: Shape,
    /// Whether it is moved while looking for what another fact decides. When it happened changes
    /// only a date, so it is left as the facts have it.
    movable: bool,
}

impl OpenFact {
    /// Its answers the facts could take, the safe one first and the one leaving the fewest reports
    /// last; none when the facts describe no body of data it belongs to.
    fn answers(&self, facts: &Facts) -> Vec<Answer> {
        if !self.applies(facts) {
            return Vec::new();
        }
        let rules = RuleSet::in_force_on(super::deadline::day_of_knowing(facts.discovered_at)).unwrap_or(RuleSet::earliest());
        let (people, my_numbers) = (rules.people_threshold, rules.my_number_people_threshold);
        // Each side of the thresholds a count is held against: My Numbers belong to people among
        // those affected, so their counts matter only at the My Number threshold.
        let counts = |threshold: Threshold| match threshold {
            Threshold::People => vec![people + 1, people, my_numbers + 1, my_numbers, 1],
            Threshold::MyNumbers => vec![my_numbers + 1, my_numbers, 1],
        };
        match self.shape {
            Shape::Trigger(_) => vec![Answer::Flag(true), Answer::Flag(false)],
            Shape::Exemption(_) => vec![Answer::Flag(false), Answer::Flag(true)],
            Shape::Said(_) => vec![Answer::Said(Some(true)), Answer::Said(Some(false))],
            Shape::People(_, threshold) => {
                std::iter::once(Answer::Count(0)).chain(counts(threshold).into_iter().map(Answer::Count)).collect()
            }
            Shape::EuPeople(_) => vec![Answer::Count(1), Answer::Count(0)],
            // Not answered is no bound: above every threshold. No maximum given is an answer too:
            // beside a count, it says that is everyone (the fewest reports); beside no count, it
            // leaves the number not known, which reports as much as the safe answer.
            Shape::Most(field, threshold) => {
                let mut answers: Vec<Answer> = counts(threshold).into_iter().map(|n| Answer::Most(Some(n))).collect();
                let counted = match (field, threshold) {
                    (Field::Data(body, _), Threshold::People) => body.data(&mut facts.clone()).map(|d| d.subjects),
                    (Field::Data(body, _), Threshold::MyNumbers) => body.data(&mut facts.clone()).map(|d| d.my_number_subjects),
                    (Field::Facts(_), _) => None,
                };
                if counted.unwrap_or(0) > 0 {
                    answers.push(Answer::Most(None));
                } else {
                    answers.insert(1, Answer::Most(None));
                }
                answers
            }
            Shape::Stage => [IncidentStage::Incident, IncidentStage::Event, IncidentStage::NearMiss].map(Answer::Stage).to_vec(),
            Shape::Category => [
                IncidentCategory::Malware,
                IncidentCategory::Leak,
                IncidentCategory::Tampering,
                IncidentCategory::Outage,
                IncidentCategory::Other,
            ]
            .map(Answer::Category)
            .to_vec(),
            // Not known counts from the day of knowing; a day or a week earlier moves a deadline
            // counted from the day it happened (one of them past any run of closed days).
            Shape::Occurred => [None, Some(1), Some(7)]
                .map(|days| Answer::Occurred(days.map(|days| facts.discovered_at - Duration::days(days))))
                .to_vec(),
        }
    }

    /// Whether the fact is a condition of reports rather than a trigger: an answer of "no" to it
    /// lifts reports whatever else holds (an exemption, no personal data, a near miss).
    fn is_condition(&self) -> bool {
        matches!(self.shape, Shape::Exemption(_) | Shape::Said(_) | Shape::Stage)
    }

    /// Whether the fact is a head-count or a maximum, which the rules hold against thresholds.
    fn is_count(&self) -> bool {
        matches!(self.shape, Shape::People(..) | Shape::Most(..))
    }

    /// Whether the facts describe what this fact is about (a client's data, for its questions).
    fn applies(&self, facts: &Facts) -> bool {
        self.get(facts).is_some()
    }

    fn get(&self, facts: &Facts) -> Option<Answer> {
        match self.shape {
            Shape::Trigger(field) | Shape::Exemption(field) => field.get(facts).map(Answer::Flag),
            Shape::Said(field) => field.get(facts).map(Answer::Said),
            Shape::People(field, _) | Shape::EuPeople(field) => field.get(facts).map(Answer::Count),
            Shape::Most(field, _) => field.get(facts).map(Answer::Most),
            Shape::Stage => Some(Answer::Stage(facts.stage)),
            Shape::Category => Some(Answer::Category(facts.category)),
            Shape::Occurred => Some(Answer::Occurred(facts.occurred_at)),
        }
    }

    /// Puts `answer` in place; `None` when it is not an answer to this fact or the fact does not
    /// apply.
    fn set(&self, facts: &mut Facts, answer: Answer) -> Option<()> {
        match (self.shape, answer) {
            (Shape::Trigger(field) | Shape::Exemption(field), Answer::Flag(value)) => *field.place(facts)? = value,
            (Shape::Said(field), Answer::Said(value)) => *field.place(facts)? = value,
            (Shape::People(field, _) | Shape::EuPeople(field), Answer::Count(value)) => *field.place(facts)? = value,
            (Shape::Most(field, _), Answer::Most(value)) => *field.place(facts)? = value,
            (Shape::Stage, Answer::Stage(value)) => facts.stage = value,
            (Shape::Category, Answer::Category(value)) => facts.category = value,
            (Shape::Occurred, Answer::Occurred(value)) => facts.occurred_at = value,
            _ => return None,
        }
        Some(())
    }

    /// Gives a field of a body of data the answer that says nothing is in it (no, none, not
    /// given), as an answer saying no personal data (or no My Numbers) is there settles it.
    fn clear(&self, data: &mut DataAtRisk) {
        match self.shape {
            Shape::Trigger(Field::Data(_, place)) | Shape::Exemption(Field::Data(_, place)) => *place(data) = false,
            Shape::Said(Field::Data(_, place)) => *place(data) = Some(false),
            Shape::People(Field::Data(_, place), _) | Shape::EuPeople(Field::Data(_, place)) => *place(data) = 0,
            Shape::Most(Field::Data(_, place), _) => *place(data) = None,
            Shape::Trigger(Field::Facts(_))
            | Shape::Exemption(Field::Facts(_))
            | Shape::Said(Field::Facts(_))
            | Shape::People(Field::Facts(_), _)
            | Shape::EuPeople(Field::Facts(_))
            | Shape::Most(Field::Facts(_), _)
            | Shape::Stage
            | Shape::Category
            | Shape::Occurred => {}
        }
    }
}

/// The fact of this name in [`FACTS`].
fn fact_named(name: &str) -> &'static OpenFact {
    FACTS.iter().find(|fact| fact.name == name).expect("a fact of the table")
}

/// Whether the field at a dotted contract name is given as `null`.
fn is_null(value: &Value, name: &str) -> bool {
    name.split('.').try_fold(value, |node, key| node.as_object()?.get(key)).is_some_and(Value::is_null)
}

/// A field of a body of data, as a [`Field`].
macro_rules! in_data {
    ($body:ident, $field:ident) => {
        Field::Data(DataBody::$body, |data| &mut data.$field)
    };
}

/// The facts of one body of data (`personal_data.` or `entrusted_data.`), in the contract's order.
macro_rules! data_facts {
    ($body:ident, $prefix:literal) => {
        [
            fact(concat!($prefix, "involved"), Shape::Said(in_data!($body, involved))),
            fact(concat!($prefix, "subjects"), Shape::People(in_data!($body, subjects), Threshold::People)),
            fact(concat!($prefix, "subjects_max"), Shape::Most(in_data!($body, subjects_max), Threshold::People)),
            fact(concat!($prefix, "subjects_unknown"), Shape::Trigger(in_data!($body, subjects_unknown))),
            fact(concat!($prefix, "sensitive"), Shape::Trigger(in_data!($body, sensitive))),
            fact(concat!($prefix, "financial_damage_risk"), Shape::Trigger(in_data!($body, financial_damage_risk))),
            fact(concat!($prefix, "unlawful_purpose"), Shape::Trigger(in_data!($body, unlawful_purpose))),
            fact(concat!($prefix, "being_acquired"), Shape::Trigger(in_data!($body, being_acquired))),
            fact(concat!($prefix, "high_level_encryption"), Shape::Exemption(in_data!($body, high_level_encryption))),
            fact(concat!($prefix, "recovered_unviewed"), Shape::Exemption(in_data!($body, recovered_unviewed))),
            fact(concat!($prefix, "my_number_involved"), Shape::Said(in_data!($body, my_number_involved))),
            fact(
                concat!($prefix, "my_number_subjects"),
                Shape::People(in_data!($body, my_number_subjects), Threshold::MyNumbers),
            ),
            fact(
                concat!($prefix, "my_number_subjects_max"),
                Shape::Most(in_data!($body, my_number_subjects_max), Threshold::MyNumbers),
            ),
            fact(concat!($prefix, "my_number_public"), Shape::Trigger(in_data!($body, my_number_public))),
            fact(concat!($prefix, "eu_subjects"), Shape::EuPeople(in_data!($body, eu_subjects))),
        ]
    };
}

/// A fact that is moved while looking for what another decides.
fn fact(name: &'static str, shape: Shape) -> OpenFact {
    OpenFact { name, shape, movable: true }
}

/// Every fact of the contract that may be left open, in the contract's order (docs/rules.md §4).
static FACTS: std::sync::LazyLock<Vec<OpenFact>> = std::sync::LazyLock::new(|| {
    let flag = |name, place| fact(name, Shape::Trigger(Field::Facts(place)));
    let event = [
        OpenFact { name: "occurred_at", shape: Shape::Occurred, movable: false },
        fact("stage", Shape::Stage),
        fact("category", Shape::Category),
        flag("unauthorized_access", |f| Some(&mut f.unauthorized_access)),
        flag("malware", |f| Some(&mut f.malware)),
        flag("crime_suspected", |f| Some(&mut f.crime_suspected)),
        flag("communications_secrecy", |f| Some(&mut f.communications_secrecy)),
    ];
    let client_told = fact(
        "personal_data.entrusted_by_client_notified",
        Shape::Exemption(Field::Facts(|f| Some(&mut f.personal_data.entrusted_by_client_notified))),
    );
    let client_notified = fact(
        "entrusted_data.client_notified",
        Shape::Exemption(Field::Facts(|f| f.entrusted_data.as_mut().map(|e| &mut e.client_notified))),
    );
    let organization = [
        flag("organization.privacy_mark", |f| Some(&mut f.organization.privacy_mark)),
        flag("organization.isms_certified", |f| Some(&mut f.organization.isms_certified)),
        flag("organization.cyber_insurance", |f| Some(&mut f.organization.cyber_insurance)),
        flag("organization.gdpr_applies", |f| Some(&mut f.organization.gdpr_applies)),
    ];
    event
        .into_iter()
        .chain(data_facts!(Own, "personal_data."))
        .chain([client_told])
        .chain(data_facts!(Entrusted, "entrusted_data."))
        .chain([client_notified])
        .chain(organization)
        .collect()
});

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The open facts by the definition, tried on every way of answering the others: a fact is
    /// open when, for some answers to the other open facts, two of its own answers give different
    /// answers (an answer settling what it contradicts, as in the interview).
    fn open_by_trying_everything(partial: &PartialFacts) -> Vec<&'static str> {
        partial
            .unanswered
            .iter()
            .copied()
            .filter(|name| {
                let fact = fact_named(name);
                let others: Vec<&OpenFact> =
                    partial.unanswered.iter().filter(|other| *other != name).map(|other| fact_named(other)).collect();
                every_answer(&partial.facts, &others).iter().any(|situation| {
                    let mut answers = fact
                        .answers(situation)
                        .into_iter()
                        .filter_map(|answer| with_answer(situation, fact, answer, &partial.unanswered))
                        .map(|facts| Part::Whole.of(&assess(&facts)));
                    let first = answers.next();
                    answers.any(|answer| Some(answer) != first)
                })
            })
            .collect()
    }

    /// `facts` with the `open` facts answered in every way their answers combine.
    fn every_answer(facts: &Facts, open: &[&OpenFact]) -> Vec<Facts> {
        let Some((first, rest)) = open.split_first() else { return vec![facts.clone()] };
        first
            .answers(facts)
            .into_iter()
            .flat_map(|answer| {
                let mut answered = facts.clone();
                first.set(&mut answered, answer);
                every_answer(&answered, rest)
            })
            .collect()
    }

    /// Facts with an answer to every fact of the table picked by `picks`, those the others
    /// contradict left as they were.
    fn answered_facts(picks: &[u8], entrusted: bool, old_rules: bool, sector: Sector) -> Facts {
        let day = if old_rules { "2023-06-01T10:00:00+09:00" } else { "2026-06-01T10:00:00+09:00" };
        let mut json = serde_json::json!({ "discovered_at": day, "organization": { "sector": sector.key() } });
        if entrusted {
            json["entrusted_data"] = serde_json::json!({});
        }
        let mut facts = parse_facts(&json.to_string()).expect("facts");
        for (fact, pick) in FACTS.iter().zip(picks) {
            let answers = fact.answers(&facts);
            if answers.is_empty() {
                continue;
            }
            if let Some(changed) = with_answer(&facts, fact, answers[usize::from(*pick) % answers.len()], &[]) {
                facts = changed;
            }
        }
        facts
    }

    use super::super::facts::Sector;

    /// The answer to a facts document with open facts: the addressees, and the open facts.
    fn asked(json: serde_json::Value) -> (Vec<Authority>, Vec<&'static str>) {
        let answer = assess_open(&parse_partial_facts(&json.to_string()).expect("facts"));
        (answer.assessment.obligations.iter().map(|o| o.authority).collect(), answer.open)
    }

    /// Every question about the company's own data left open.
    fn nothing_known_about_the_data() -> serde_json::Value {
        let fields = FACTS.iter().filter_map(|fact| fact.name.strip_prefix("personal_data."));
        serde_json::Value::Object(fields.map(|field| (field.to_owned(), serde_json::Value::Null)).collect())
    }

    const COUNTS: [&str; 5] = [
        "personal_data.subjects",
        "personal_data.subjects_max",
        "personal_data.my_number_subjects",
        "personal_data.my_number_subjects_max",
        "personal_data.eu_subjects",
    ];

    #[test]
    fn a_stolen_laptop_asks_about_encryption_and_never_about_the_web_form() {
        let mut data = nothing_known_about_the_data();
        data["involved"] = true.into();
        let facts = serde_json::json!({
            "discovered_at": "2026-12-01T10:00:00+09:00", "category": "leak", "crime_suspected": true,
            "unauthorized_access": null, "malware": null, "communications_secrecy": null,
            "personal_data": data.clone(), "organization": { "gdpr_applies": false, "sector": "general" },
        });
        let (told, open) = asked(facts.clone());
        assert!(told.contains(&Authority::Ppc), "unknown encryption is taken as none: {told:?}");
        assert!(open.contains(&"personal_data.high_level_encryption"), "{open:?}");
        assert!(open.contains(&"personal_data.recovered_unviewed"), "{open:?}");
        for never in ["personal_data.being_acquired", "communications_secrecy", "personal_data.eu_subjects"] {
            assert!(!open.contains(&never), "{never} asked: {open:?}");
        }
        // A theft already gives the report its unlawful purpose: the count and the kind of data
        // cannot change it.
        for settled in ["personal_data.subjects", "personal_data.sensitive", "personal_data.financial_damage_risk"] {
            assert!(!open.contains(&settled), "{settled} asked: {open:?}");
        }

        let mut encrypted = facts;
        encrypted["personal_data"]["high_level_encryption"] = true.into();
        encrypted["personal_data"]["my_number_involved"] = false.into();
        let (told, _) = asked(encrypted);
        assert!(!told.contains(&Authority::Ppc), "{told:?}");
    }

    #[test]
    fn a_phishing_near_miss_asks_no_count() {
        let facts = serde_json::json!({
            "discovered_at": "2026-12-01T10:00:00+09:00", "stage": "near_miss", "category": "other",
            "unauthorized_access": null, "malware": null, "crime_suspected": null,
            "personal_data": nothing_known_about_the_data(), "organization": { "sector": "general" },
        });
        let (told, open) = asked(facts);
        assert!(told.iter().all(|a| !matches!(a, Authority::Ppc | Authority::DataSubjects)), "{told:?}");
        for count in COUNTS {
            assert!(!open.contains(&count), "{count} asked: {open:?}");
        }
        assert!(open.contains(&"malware"), "whether the mail carried malware decides the IPA report: {open:?}");
    }

    #[test]
    fn ransomware_on_the_data_needs_no_count_for_the_ppc_report() {
        let mut data = nothing_known_about_the_data();
        data["involved"] = true.into();
        data["my_number_involved"] = false.into();
        let facts = serde_json::json!({
            "discovered_at": "2026-08-03T09:00:00+09:00", "category": "malware",
            "personal_data": data, "organization": { "gdpr_applies": false, "sector": "general" },
        });
        let (told, open) = asked(facts);
        assert!(told.contains(&Authority::Ppc), "{told:?}");
        for count in COUNTS {
            assert!(!open.contains(&count), "{count} asked: {open:?}");
        }
        assert!(open.contains(&"personal_data.high_level_encryption"), "{open:?}");
    }

    #[test]
    fn a_mis_sent_mail_asks_whether_it_was_deleted_unread() {
        let mut data = nothing_known_about_the_data();
        data["involved"] = true.into();
        data["subjects"] = 3.into();
        data["subjects_max"] = 3.into();
        data["subjects_unknown"] = false.into();
        let facts = serde_json::json!({
            "discovered_at": "2026-12-01T10:00:00+09:00", "category": "leak",
            "personal_data": data, "organization": { "gdpr_applies": false, "sector": "general" },
        });
        let (told, open) = asked(facts.clone());
        assert!(told.contains(&Authority::Ppc), "what was attached is not known yet: {told:?}");
        assert!(open.contains(&"personal_data.recovered_unviewed"), "{open:?}");
        assert!(open.contains(&"personal_data.sensitive"), "{open:?}");
        for count in ["personal_data.subjects", "personal_data.subjects_max"] {
            assert!(!open.contains(&count), "{count} was answered: {open:?}");
        }
        let mut deleted = facts;
        deleted["personal_data"]["recovered_unviewed"] = true.into();
        deleted["personal_data"]["my_number_public"] = false.into();
        deleted["personal_data"]["unlawful_purpose"] = false.into();
        let (told, open) = asked(deleted);
        assert!(!told.contains(&Authority::Ppc) && !told.contains(&Authority::PpcMyNumber), "{told:?}");
        assert!(!open.contains(&"personal_data.sensitive"), "once deleted unread, the kind of data no longer matters: {open:?}");
    }

    #[test]
    fn an_answer_that_says_no_personal_data_settles_every_question_about_it() {
        let mut data = nothing_known_about_the_data();
        data["involved"] = false.into();
        let facts = serde_json::json!({
            "discovered_at": "2026-12-01T10:00:00+09:00", "category": "outage",
            "personal_data": data, "organization": { "sector": "general" },
        });
        let (told, open) = asked(facts);
        assert_eq!(told, Vec::<Authority>::new());
        assert!(open.iter().all(|name| !name.starts_with("personal_data.")), "{open:?}");
    }

    #[test]
    fn the_sector_must_be_answered() {
        let error = parse_partial_facts(r#"{"discovered_at": "2026-12-01T10:00:00+09:00", "organization": {"sector": null}}"#)
            .expect_err("refused");
        assert_eq!(
            error.to_string(),
            "organization.sector cannot be left open (null): no one answer is the safe one, so it must be answered"
        );
    }

    #[test]
    fn a_missing_field_keeps_its_meaning_and_is_not_open() {
        let (told, open) = asked(serde_json::json!({ "discovered_at": "2026-12-01T10:00:00+09:00" }));
        assert_eq!(open, Vec::<&str>::new());
        assert_eq!(told, Vec::<Authority>::new());
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
        #[test]
        fn the_open_facts_are_those_whose_answer_can_change_the_answer(
            picks in proptest::collection::vec(any::<u8>(), 48),
            open in proptest::collection::vec(any::<u8>(), 1..=5),
            entrusted in any::<bool>(),
            old_rules in any::<bool>(),
            sector in proptest::sample::select(Sector::ALL.to_vec()),
        ) {
            let facts = answered_facts(&picks, entrusted, old_rules, sector);
            let applying: Vec<&'static str> = FACTS.iter().filter(|fact| fact.applies(&facts)).map(|fact| fact.name).collect();
            let picked = |name: &&str| open.iter().any(|pick| applying[usize::from(*pick) % applying.len()] == *name);
            let unanswered: Vec<&'static str> = applying.iter().copied().filter(picked).collect();
            let partial = PartialFacts::new(facts, unanswered);
            prop_assert_eq!(assess_open(&partial).open, open_by_trying_everything(&partial), "{:?}", partial);
        }
    }
}
