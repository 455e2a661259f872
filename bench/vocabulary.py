"""A realistic, deterministic vocabulary for synthetic resources.

Words come from the shipped library's own text (titles and descriptions of
`assets/library`), a list of domain words, and generated rare words, ranked so
that a Zipf-like sampler makes common words common. Real phrases (n-grams of
the shipped text) are mixed in so that phrase queries find realistic hits.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

ASSETS = Path(__file__).resolve().parent.parent / "assets" / "library"
VOCABULARY_SIZE = 4000
ZIPF_EXPONENT = 1.05
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*[A-Za-z]|[A-Za-z]")

TYPES: tuple[tuple[str, float], ...] = (
    ("report", 30.0),
    ("fact_sheet", 22.0),
    ("policy_and_guidance", 14.0),
    ("brief", 11.0),
    ("toolkit", 8.0),
    ("training", 7.0),
    ("webinar", 5.0),
    ("infographic", 3.0),
)

TOPICS: tuple[str, ...] = (
    "Housing", "Employment", "Health", "Mental health", "Substance use", "Youth", "Child welfare",
    "Education", "Labor trafficking", "Sex trafficking", "Immigration", "Refugees", "Domestic violence",
    "Runaway and homeless youth", "Foster care", "Native communities", "Rural communities", "Disability",
    "Older adults", "Veterans", "Public benefits", "Legal services", "Law enforcement", "Courts",
    "Data and research", "Prevention", "Survivor leadership", "Trauma-informed care", "Case management",
    "Funding and grants", "Technology", "Public awareness", "Supply chains", "Agriculture", "Hospitality",
    "Health care", "Schools", "Faith communities", "Tribal justice", "Language access",
)

AUDIENCES: tuple[str, ...] = (
    "Service providers", "Health care professionals", "Educators", "Law enforcement", "Youth and families",
)

# Words of the field that the shipped text does not contain (or only rarely).
DOMAIN_WORDS = """
house houses household households housed housing-first homeless homelessness shelter shelters shelter-based
rent rental renters landlord landlords tenancy eviction evictions mortgage voucher vouchers apartment
employment employer employers employee employees job jobs workforce wage wages worker workers workplace
labor labour contractor contractors recruitment recruiter recruiters farmworker farmworkers domestic
health healthcare clinic clinics clinician clinicians hospital hospitals nurse nurses physician patient patients
mental behavioral counseling counselor counselors therapy therapist therapists trauma traumatic wellness
substance opioid opioids addiction recovery treatment treatments medication overdose harm reduction
youth young adolescent adolescents teen teens teenager child children childhood infant infants parent parents
parenting family families caregiver caregivers kinship guardian guardians foster adoption custody
education school schools student students teacher teachers classroom curriculum college university campus
immigration immigrant immigrants migrant migrants refugee refugees asylum visa visas citizenship border
court courts judge judges attorney attorneys prosecutor prosecutors legal lawyer lawyers litigation
police officer officers investigation investigations investigator arrest detention prosecution conviction
grant grants grantee grantees funding budget budgets appropriation fiscal award awards cooperative agreement
data dataset datasets survey surveys evaluation evaluations measure measures metric metrics indicator
research researcher researchers study studies findings evidence analysis outcomes baseline longitudinal
prevention intervention interventions screening screen assessment assessments referral referrals intake
survivor survivors victim victim-centered advocate advocates advocacy hotline helpline outreach navigator
community communities neighborhood neighborhoods tribal tribe tribes nation nations rural urban suburban
state states county counties city cities local regional federal agency agencies department office
policy policies regulation regulations statute statutes law laws rule rules guidance memorandum letter
toolkit toolkits guide guides handbook manual module modules webinar webinars training trainings course
infographic infographics brochure poster posters flyer flyers video videos podcast checklist template
technology online internet social media platform platforms app apps digital cyber exploitation grooming
supply chain chains agriculture agricultural hospitality hotel hotels restaurant restaurants construction
faith congregation congregations church churches volunteer volunteers nonprofit nonprofits coalition
language interpreter interpreters translation translated multilingual accessible accessibility disability
disabilities older elder veterans veteran benefit benefits medicaid insurance coverage income poverty
food nutrition transportation childcare safety safe risk risks protective factor factors resilience
collaboration partnership partnerships stakeholder stakeholders network networks coordination task force
annual quarterly monthly report reports summary overview introduction background appendix chapter section
strategy strategies plan plans framework frameworks model models approach approaches practice practices
promising innovative effective comprehensive culturally responsive informed centered based specific
identify identifying identification respond responding response responses support supporting supports
""".split()

_SYLLABLES = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go ha he hi ho ka ke ki ko "
    "la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su "
    "ta te ti to tu va ve vi vo wa we wi za ze zo bra bre cra cre dra dre fra fre gra gre pra pre "
    "tra tre sta ste sti sto pla ple pli plo cla cle cli clo"
).split()
_ENDINGS = ("", "n", "r", "s", "l", "t", "nd", "rt", "st", "m", "x", "tion", "ment", "ness", "ity", "al", "ic")


def _asset_texts() -> list[str]:
    """Titles and descriptions of the shipped library (JSON records and seed page text)."""
    texts: list[str] = []
    records = json.loads((ASSETS / "otip_records.json").read_text(encoding="utf-8"))
    for record in records:
        for key in ("title", "description"):
            if isinstance(record.get(key), str):
                texts.append(record[key])
        for attachment in record.get("attachments") or []:
            texts.append(str(attachment.get("label") or ""))
    seed = (ASSETS / "resource-library-type-report.txt").read_text(encoding="utf-8")
    for block in seed.split("\n"):
        block = block.strip()
        if len(block.split()) >= 4 and "http" not in block:
            texts.append(block)
    return texts


def _pseudo_words(count: int, taken: set[str]) -> list[str]:
    """Pronounceable rare words (names, jargon, acronyms) from a fixed seed."""
    generator = random.Random(20261124)
    words: list[str] = []
    while len(words) < count:
        word = "".join(generator.choice(_SYLLABLES) for _ in range(generator.randint(2, 4)))
        word += generator.choice(_ENDINGS)
        if word not in taken:
            taken.add(word)
            words.append(word)
    return words


@dataclass(frozen=True)
class Vocabulary:
    """Ranked words with cumulative Zipf weights, and real n-gram sentences for phrases."""

    words: tuple[str, ...]
    cumulative: tuple[float, ...]
    sentences: tuple[tuple[str, ...], ...]

    def sample(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def fragment(self, rng: random.Random, longest: int = 6) -> list[str]:
        """A run of 2..longest consecutive words of a real sentence."""
        sentence = self.sentences[rng.randrange(len(self.sentences))]
        length = min(len(sentence), rng.randint(2, longest))
        start = rng.randrange(len(sentence) - length + 1)
        return list(sentence[start : start + length])


@lru_cache(maxsize=1)
def vocabulary(size: int = VOCABULARY_SIZE) -> Vocabulary:
    """The vocabulary: asset words by frequency, then domain words, then generated words."""
    sentences: list[tuple[str, ...]] = []
    counts: Counter[str] = Counter()
    for text in _asset_texts():
        for sentence in re.split(r"(?<=[.!?;:])\s+", text):
            words = tuple(w.lower() for w in _WORD.findall(sentence) if len(w) > 1 or w in "aAI")
            if len(words) >= 2:
                sentences.append(words)
            counts.update(words)
    ranked = [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    taken = set(ranked)
    # Domain words slot in after the most frequent shipped words, so they are common too.
    domain = [word for word in dict.fromkeys(DOMAIN_WORDS) if word not in taken]
    taken.update(domain)
    head, tail = ranked[:120], ranked[120:]
    interleaved: list[str] = []
    for index in range(max(len(domain), len(tail))):
        if index < len(domain):
            interleaved.append(domain[index])
        if index < len(tail):
            interleaved.append(tail[index])
    words = head + interleaved
    words += _pseudo_words(max(0, size - len(words)), taken)
    weights = [1.0 / (rank + 2.7) ** ZIPF_EXPONENT for rank in range(len(words))]
    return Vocabulary(tuple(words), tuple(accumulate(weights)), tuple(sentences))
