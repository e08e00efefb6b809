"""Write data/chat/conversations.jsonl: sample RAG conversations about the documents in data/docs.

Each conversation's context is the chunk that answers the question plus one or two distractor chunks, formatted as
`[i] (file) text` like `sftkit rag-chat` does; the answers were written by hand from the documents. Re-run to rebuild:
    python tools/make_chat_data.py
"""
import json, random
from pathlib import Path
from sftkit.retrieval import load_markdown, chunk_markdown

SYSTEM = "You are a helpful assistant. Answer from the context and say so when it does not contain the answer."
# (chunk heading, question, answer)
QA = [
 ("Overview", "What does Aurora-3 do?", "Aurora-3 is a relay satellite: it passes radio traffic between ground stations on Earth and landers on the far side of the Moon."),
 ("Overview", "How heavy is the Aurora-3 spacecraft without fuel?", "Its dry mass is 412 kilograms."),
 ("Overview", "How long was Aurora-3 planned to operate?", "The planned service life was five years, with fuel reserved for two more."),
 ("Launch and Transfer", "How long did the transfer to L2 take?", "After separation the spacecraft spent 23 days on a low-energy transfer that used the Sun's gravity to reach L2."),
 ("Launch and Transfer", "Why did the first antenna deployment stop?", "It stopped at 80 percent because a hinge heater failed to warm a latch in time; the dish opened fully on the second attempt."),
 ("Orbit Insertion", "How long was the insertion burn?", "The insertion burn lasted 6 minutes and 40 seconds and changed the velocity by 31 metres per second."),
 ("Orbit Insertion", "What is the period of the halo orbit?", "About 14 days."),
 ("Anomalies", "What happened on day 61?", "A solar flare flooded a star tracker's sensor with energetic particles and it reported a false lock. The software switched to the backup tracker within four seconds and no data was lost."),
 ("Anomalies", "How did the team deal with the thruster leak?", "They changed the operating plan so that the reaction wheels handle nearly all pointing; the leak has stayed below one gram per week."),
 ("Crew and Operations", "How many people are on board Aurora-3?", "None: Aurora-3 has no crew. It is operated from two control centres on the ground."),
 ("Crew and Operations", "What is \"the twin\"?", "The twin is a ground copy of the flight computer on which software updates are tested before they are uploaded."),
 ("Results", "How much data did Aurora-3 relay in its first year?", "18 terabytes, from two far-side landers."),
 ("Results", "Did the mission meet its link availability requirement?", "Yes. Link availability was 99.2 percent, above the 98 percent requirement."),
 ("Results", "What would Aurora-4 add?", "An optical laser link for higher data rates."),
 ("Choosing Trees", "What does the rootstock of an apple tree decide?", "The rootstock decides how large the tree grows; the scion on top decides the fruit variety."),
 ("Choosing Trees", "Why should I plant two apple varieties?", "Most apple varieties cannot pollinate themselves, so plant at least two that flower at the same time within about 30 metres of each other."),
 ("Planting", "When should bare-root apple trees be planted?", "In late autumn or early spring, while they are dormant."),
 ("Planting", "How deep should the graft union be planted?", "Keep the graft union at least 5 centimetres above the soil; if the scion touches the soil it can grow its own roots."),
 ("Planting", "How much should I water a new tree?", "Water it deeply once a week in its first summer, about 20 litres each time, unless it rains."),
 ("Pruning", "When should apple trees be pruned?", "In late winter, when the branches are bare and the structure is easy to see."),
 ("Pruning", "What happens if I prune too hard?", "Heavy pruning makes the tree grow many vertical shoots called water sprouts instead of fruit. Never remove more than a quarter of the tree in one year."),
 ("Pests and Diseases", "How can I tell when codling moths are flying?", "Hang pheromone traps in late spring; they show when the moths are flying, which is when control is most effective."),
 ("Pests and Diseases", "How do I reduce apple scab?", "Rake and compost fallen leaves in autumn, since scab spreads from them in wet springs; resistant varieties are the simplest defence."),
 ("Harvest and Storage", "How do I know an apple is ripe?", "It comes away with a gentle lift and twist, and its seeds have turned brown."),
 ("Harvest and Storage", "At what temperature should apples be stored?", "At 2 to 4 degrees Celsius, in a cool, dark, humid place away from potatoes."),
 ("Intake", "How much water does the plant treat?", "About 40 million litres a day, and up to 55 million litres on hot summer days."),
 ("Intake", "Why is the intake two metres below the surface?", "Because the water there is cooler and carries less floating debris."),
 ("Coagulation and Flocculation", "Why does the river water not settle on its own?", "Its tiny clay particles carry a negative charge and repel each other, so they never settle."),
 ("Coagulation and Flocculation", "Which coagulant does the plant use?", "Aluminium sulphate, whose positive charges neutralise the clay particles."),
 ("Settling and Filtration", "What are the filters made of?", "A layer of anthracite coal on top of a layer of fine sand."),
 ("Settling and Filtration", "How often is each filter backwashed?", "Once a day: clean water is pumped upward through the filter to lift out what it has caught."),
 ("Disinfection", "How long must the water stay in contact with chlorine?", "At least 30 minutes, which is why it passes through a long baffled tank."),
 ("Disinfection", "Why were ultraviolet lamps added?", "As a second barrier, because some parasites such as Cryptosporidium resist chlorine. They were added in 2019."),
 ("Testing", "What is the turbidity limit?", "Turbidity must stay below 0.3 units in 95 percent of samples."),
 ("Testing", "How often is the water tested?", "Every four hours, for turbidity, chlorine, acidity and bacteria."),
]
# questions the context does not answer: the assistant says so
UNANSWERED = [
 ("Results", "Who built the rocket that launched Aurora-3?", "The context does not say who built the rocket; it only says Aurora-3 launched on a medium-lift rocket from a coastal site."),
 ("Pruning", "Which apple variety tastes the sweetest?", "The context does not say which variety is sweetest."),
 ("Testing", "What does a cubic metre of water cost in Riverside?", "The context does not give the price of water."),
]
# multi-turn follow-ups: (heading, [(user, assistant), ...])
MULTI = [
 ("Anomalies", [("Were there any problems with the star trackers?", "Yes. On day 61 a star tracker reported a false lock after a solar flare."),
                ("Was any data lost?", "No. The flight software switched to the backup tracker within four seconds, as designed, and no data was lost.")]),
 ("Harvest and Storage", [("Why check stored apples?", "Apples give off ethylene gas as they ripen, and one bruised apple can spoil a whole box."),
                          ("How often should I check them?", "Every two weeks.")]),
 ("Settling and Filtration", [("What happens in the settling basins?", "The water moves so slowly that the floc sinks to the bottom, where scrapers push the sludge to a collection pit."),
                              ("How much is removed there?", "About 90 percent of the particles."),
                              ("And after that?", "The water flows down through filters of anthracite coal on fine sand, which trap the remaining particles and many microorganisms.")]),
]
PLAIN = [  # no context: the format also covers ordinary chat
 ("What is a halo orbit?", "A halo orbit is a periodic orbit around a Lagrange point, such as the Earth-Moon L2 point, that loops around it rather than sitting on it."),
 ("Say hello in French.", "Bonjour !"),
]

def fmt(chunks): return "\n".join(f"[{i}] ({c['source']}) {c['text']}" for i, c in enumerate(chunks, 1))

def main(out=Path(__file__).resolve().parents[1]/"data/chat/conversations.jsonl"):
    chunks = chunk_markdown(load_markdown(Path(__file__).resolve().parents[1]/"data/docs"))
    by_head = {c["heading"]: c for c in chunks}
    rng, recs = random.Random(0), []
    def context(head):
        others = rng.sample([c for c in chunks if c["heading"] != head], rng.choice([1, 2]))
        ctx = [by_head[head]] + others; rng.shuffle(ctx); return fmt(ctx)
    for head, q, a in QA + UNANSWERED:
        rec = {"system": SYSTEM, "context": context(head), "messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]}
        if rng.random() < 0.15: del rec["system"]
        recs.append(rec)
    for head, turns in MULTI:
        msgs = [m for u, a in turns for m in ({"role": "user", "content": u}, {"role": "assistant", "content": a})]
        recs.append({"system": SYSTEM, "context": context(head), "messages": msgs})
    for q, a in PLAIN: recs.append({"messages": [{"role": "user", "content": q}, {"role": "assistant", "content": a}]})
    rng.shuffle(recs)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    print(f"{len(recs)} conversations -> {out}")

if __name__ == "__main__": main()
