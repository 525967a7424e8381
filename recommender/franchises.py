"""Licensed lines and what they belong to, which listings take for granted: a Captain America
figure whose title never says Marvel is Marvel's, a WWE figure is wrestling, an Elsa doll is
Disney's. An exclusion of the owner leaves its lines out too ("no Marvel", "nothing wrestling",
"not into Disney princess stuff"), erring, as every exclusion does, on the side of leaving a
product out.

Only lines whose names no listing would hold for another reason are listed: not "Cars" or
"Flash", nor "Toy Story", "Belle" (a bell), "Tangled" (a Tangle), "Joker" (a playing card) or
"Black Panther" (the animal), "Hawkeye" (an aircraft), nor "X-Men" (read as "men"). "Frozen"
is kept: a frozen treat excluded with Disney errs on the side of leaving out.
"""
from __future__ import annotations

from functools import lru_cache

from recommender.lexical import tokens_with_numbers

_MARVEL_AVENGERS = ("iron man", "captain america", "hulk", "thor", "black widow")
_DISNEY_PRINCESSES = ("cinderella", "rapunzel", "ariel", "moana", "mulan", "pocahontas", "tiana", "merida", "elsa",
                      "frozen")

_LINES = {
    "marvel": ("avengers", *_MARVEL_AVENGERS, "spider-man", "spiderman", "deadpool", "wolverine",
               "guardians of the galaxy", "groot", "venom", "doctor strange", "ant-man", "captain marvel",
               "thanos", "loki", "killmonger"),
    "avengers": _MARVEL_AVENGERS,
    "dc": ("batman", "superman", "wonder woman", "justice league", "aquaman", "harley quinn",
           "supergirl", "teen titans", "suicide squad", "shazam"),
    "disney": ("pixar", *_DISNEY_PRINCESSES, "mickey", "minnie", "aladdin", "encanto", "zootopia",
               "winnie the pooh", "olaf", "lightning mcqueen", "finding nemo", "finding dory", "sofia the first",
               "doc mcstuffins", "lilo", "toy story", "buzz lightyear", "monsters inc", "incredibles", "lion king"),
    "disney princess": _DISNEY_PRINCESSES,
    "frozen": ("elsa", "anna", "olaf", "kristoff", "arendelle"),
    "wrestling": ("wwe", "wrestlemania", "wrestler", "wrestlers", "aew"),
    **dict.fromkeys(("wrestler", "wrestlers"), ("wwe", "wrestlemania", "wrestling", "aew")),
    "wwe": ("wrestlemania",),
    "star wars": ("mandalorian", "darth vader", "yoda", "stormtrooper", "skywalker", "chewbacca", "jedi",
                  "millennium falcon", "boba fett", "lightsaber"),
    "harry potter": ("hogwarts", "hermione", "dumbledore", "gryffindor", "slytherin", "hufflepuff", "ravenclaw",
                     "quidditch"),
    "pokemon": ("pikachu",),
    **dict.fromkeys(("mario", "super mario"), ("super mario", "luigi", "yoshi", "bowser", "princess peach", "wario",
                                               "koopa", "mario kart")),
    # Spider-Man's suits and his others, whose titles may never say "Spider-Man"
    **dict.fromkeys(("spider-man", "spiderman"), ("iron spider", "miles morales", "spidey", "spider-gwen",
                                                   "spider-verse")),
}
_LINES["hp"] = ("harry potter", *_LINES["harry potter"])  # "nothing HP-related": Harry Potter
_LINES["superhero"] = _LINES["super hero"] = (
    "superhero", "super hero", "marvel", "dc comics", "dc collectibles", *_LINES["marvel"], *_LINES["dc"])
_BY_TOKENS = {tuple(tokens_with_numbers(owner)): lines for owner, lines in _LINES.items()}
# "avoid character / TV merch", "not keen on licensed characters": the licensed lines above and
# the children's shows, films and games whose characters are sold on toys (a line's own name,
# so "Thomas & Friends", never "Thomas" alone)
_CHARACTERS = tuple(dict.fromkeys((
    *_LINES, *(line for lines in _LINES.values() for line in lines),
    "paw patrol", "peppa pig", "peppa", "sesame street", "elmo", "cookie monster", "pj masks", "thomas & friends",
    "thomas the tank", "bluey", "cocomelon", "baby shark", "daniel tiger", "dora", "spongebob", "nickelodeon",
    "nick jr", "blaze and the monster machines", "my little pony", "trolls", "teenage mutant ninja turtles",
    "ninja turtles", "tmnt", "barbie", "hello kitty", "minecraft", "fortnite", "super mario",
    "mario bros", "sonic the hedgehog", "scooby-doo", "scooby doo", "looney tunes", "curious george", "power rangers",
    "minions", "despicable me", "shopkins", "l.o.l. surprise", "lol surprise", "funko", "dreamworks", "toy story",
    "jurassic world", "jurassic park", "ghostbusters", "strawberry shortcake", "winnie the pooh", "doc mcstuffins",
    "gabby's dollhouse", "ryan's world", "blippi", "octonauts", "fireman sam", "bob the builder", "teletubbies",
    "hey duggee", "super wings", "rainbow high", "lightning mcqueen", "star trek", "lord of the rings",
    "hungry caterpillar", "eric carle", "pete the cat",
    # cartoon and comic characters of more shows, strips and films
    "pusheen", "adventure time", "shimmer & shine", "shimmer and shine", "gigantosaurus", "care bears", "smurfs",
    "garfield", "snoopy", "peanuts", "pink panther", "transformers", "ben 10", "bakugan", "beyblade", "rugrats",
    "simpsons", "rick and morty", "steven universe", "gravity falls", "umbrella academy", "tom and jerry",
    "powerpuff girls", "winx", "miraculous", "pinkalicious")))
_LINE_TOKENS = {owner: tuple(tuple(tokens_with_numbers(line)) for line in lines) for owner, lines in _BY_TOKENS.items()}
# Names listings give a thing excluded without saying it ("anything but dinosaurs": a "Dino's
# Day" book, a Tyrannosaurus figure; "no toy weapons": a sword, a Super Soaker). Only for
# leaving out: they name nothing when asked for.
_DINOSAURS = ("dino", "dinotrux", "jurassic", "tyrannosaurus", "t-rex", "triceratops", "stegosaurus", "velociraptor",
              "brontosaurus", "brachiosaurus", "diplodocus", "spinosaurus", "pterodactyl", "ankylosaurus")
_GUNS = ("blaster", "soaker", "supersoaker", "water gun")
_WEAPONS = ("sword", "lightsaber", "katana", "dagger", "gun", "batarang", "shuriken", "nunchucks", "nunchaku", "crossbow",
            "slingshot", "pistol", "rifle", *_GUNS)  # never "spear" (Britney Spears) or "bazooka" (the gum)
# "nothing military": armies and the machines of war ("German fighter Messerschmitt", "Army Tank");
# erring, as every exclusion does, on the side of leaving out (a "Tank Engine", "Street Fighter")
_MILITARY = ("military", "army", "soldier", "soldiers", "tank", "warplane", "warplanes", "fighter", "bomber", "battleship",
             "warship", "combat", "messerschmitt", "spitfire", "f-22", "special forces", "abrams", "panzer", "humvee",
             "usn", "usaf", "air force", "marine corps", "aircraft carrier", "wwii", "ww2")  # not "navy" (navy blue) nor "submarine" (bath toys)
_NOISY = ("sound", "sounds", "musical", "music", "noise", "noisy", "talking", "talkin", "talks", "voice", "singing",
          "sings", "song", "songs", "melody", "melodies", "tunes", "beeping", "siren", "whistle", "drum", "drums",
          "karaoke", "microphone", "megaphone", "kazoo", "piano", "keyboard", "buzzer", "rattle", "rattles", "squeaky",
          "squeaker", "squeak", "jingle", "roar", "roaring", "electronic learning", "giggling", "laughing")
# "no flashing lights": what lights up (never "lights" or "flashing" alone: a "Light Blue" colour, "Flash Cards")
_LIGHTS = ("light-up", "light up", "lights up", "flashing lights", "lights and sounds", "lights & sounds",
           "light and sound", "light & sound", "led", "glow", "glowing", "flashlight", "lightstick", "laser", "night light")
_PLUSH = ("plush", "stuffed", "teddy", "lovey", "cuddly", "stuffie", "pillow pet", "pillow pets", "squishmallow",
          "squishmallows")
# "nothing crude or gross-out": toilet humour, in the words its toys are sold by
_CRUDE = ("poop", "poo", "poopsie", "fart", "farting", "farts", "booger", "boogers", "snot", "vomit", "puke", "barf",
          "burp", "burping", "whoopee cushion", "gross", "zit", "zits", "pimple", "stink", "stinky")
_ELECTRONIC = ("electronic", "electronics", "battery", "batteries", "battery-operated", "remote control", "rc",
               "interactive", "rechargeable", "usb", "bluetooth", "led", "light-up", "tape recorder",
               "lights and sounds", "lights & sounds", "light and sound", "light & sound", "sound effects", "talking",
               "vtech", "leapfrog")  # the brands of electronic learning toys, whose titles never say so
# "nothing remote-controlled": the cars, and the drones flown by one
_REMOTE = ("remote control", "remote-control", "remote controlled", "remote-controlled", "radio control", "rc", "r/c",
           "drone", "drones", "quadcopter")
_VEHICLES = ("car", "truck", "train", "locomotive", "bus", "tractor", "digger", "bulldozer", "excavator", "fire engine",
             "ambulance", "helicopter", "airplane", "plane", "jet", "van", "boat", "motorcycle")
_SCREENS = ("tablet", "video game", "screen", "lcd", "nintendo", "xbox", "playstation", "console", "arcade", "handheld game",
            "handheld electronic", "electronic handheld")
_SCARY = ("scary", "horror", "zombie", "zombies", "skeleton", "skull", "creepy", "spooky", "haunted", "gory", "bloody",
          "vampire", "werewolf", "devil", "demon")
_MESSY = ("slime", "paint", "glitter", "sand", "putty", "dough", "play-doh", "mud", "goo")
_CHRISTMAS = ("christmas", "xmas", "santa", "festive", "nativity", "advent calendar", "reindeer")
_JEWELRY = ("necklace", "bracelet", "pendant", "earring", "earrings", "jewelry")
_PRINCESSES = (*_DISNEY_PRINCESSES, "belle", "jasmine", "snow white", "sleeping beauty", "anna", "sofia the first",
               "elena of avalor")
_TRADING_CARDS = ("tcg", "theme deck", "structure deck", "booster pack", "booster box", "elite trainer", "lcg")
_HORROR_FILMS = ("nightmare on elm street", "freddy krueger", "friday the 13th", "jason voorhees", "chucky",
                 "michael myers", "pennywise", "leatherface", "ghostface", "annabelle")
# "no small parts, he puts everything in his mouth": what a small child may choke on, in the words
# listings sell it by (the choking hazards' own warning, beads, marbles, magnets, coins, dice,
# balloons, fuse beads; erring on leaving out, magnetic tiles too); never a jigsaw's count of pieces
_SMALL_PARTS = ("small parts", "small pieces", "choking", "bead", "beads", "beados", "marble", "marbles", "magnet",
                "magnets", "coin", "coins", "dice", "balloon", "balloons", "perler", "button battery", "button batteries")
_KEYCHAINS = ("keychain", "key chain", "keyring", "key ring", "bag clip", "backpack clip")
_COSTUMES = ("costume", "dress up trunk", "dress-up trunk", "dress up clothes", "dress-up clothes", "cosplay")  # not "dress up" alone: the "Dress Up & Pretend Play" shelf holds play kitchens
_BUILDING_SETS = ("lego", "k'nex", "knex", "mega bloks", "mega construx", "cobi", "building set", "building kit",
                  "building toy", "construction set", "bricks")  # a hobby's "Building Tools" set errs on leaving out
_DOLLS = ("doll", "dollhouse", "doll house", "barbie", "baby alive", "american girl", "bratz", "cabbage patch")
_DOUGH = ("play-doh", "playdoh", "play doh", "dough", "modeling clay", "modelling clay", "plasticine", "model magic")
_HATS = ("hat", "hats", "beanie", "beanies", "headwear", "snapback", "fedora", "beret", "visor", "bucket hat",
         "baseball cap")  # never "cap" alone: a graduation bear's cap, a doll's
_CLOTHES = ("shirt", "t-shirt", "hoodie", "sweatshirt", "sweater", "pajamas", "pyjamas", "socks", "jacket",
            "apparel", "clothing", *_HATS)
_LEAGUES = ("nba", "nfl", "mlb", "nhl", "ncaa", "mls", "wnba", "premier league")
# Japanese animated series, which titles name by the series ("Dragon Ball Z ... Throw Blanket"); not
# the games and toys that became cartoons (Pokemon, Yu-Gi-Oh, Beyblade): "not into anime" may keep them.
_ANIME = ("anime", "manga", "dragon ball", "dragonball", "naruto", "one piece", "sailor moon", "my hero academia", "demon slayer",
          "attack on titan", "evangelion", "gundam", "studio ghibli", "totoro", "death note", "jojo's bizarre",
          "fullmetal alchemist", "hunter x hunter", "sword art online", "tokyo ghoul", "cowboy bebop", "inuyasha",
          "fairy tail", "jujutsu kaisen", "chainsaw man", "one punch man", "haikyu", "spy x family")
_ALSO_CALLED = {tuple(tokens_with_numbers(thing)): names for thing, names in {
    # "no ninja turtles": the four turtles too ("Leonardo's Katana"); a Leonardo da Vinci kit left
    # out with them errs on the safe side, so they are no line a request for the turtles lists
    **dict.fromkeys(("teenage mutant ninja turtles", "ninja turtles", "tmnt"),
                    ("teenage mutant ninja turtles", "ninja turtles", "tmnt", "leonardo", "raphael", "donatello",
                     "michelangelo")),
    "dinosaur": _DINOSAURS, "dino": _DINOSAURS, "dinos": (*_DINOSAURS, "dinosaur"), "gun": _GUNS, "toy gun": _GUNS, "weapon": _WEAPONS,
    "toy weapon": _WEAPONS, "christmas": _CHRISTMAS, "xmas": _CHRISTMAS, "christmassy": _CHRISTMAS,
    # "no jewellery making": pendants, necklaces and bracelets are jewellery
    "jewelry": _JEWELRY, "jewellery": _JEWELRY,
    # "nothing unicorn-y": a winged unicorn is one; "no snakes or reptiles": a rattlesnake is one
    "unicorn": ("pegacorn", "alicorn", "caticorn", "llamacorn"), "snake": ("rattlesnake",),
    # what a shopper leaves out by what it is like: "no noisy toys", "nothing electronic", "no
    # screens", "nothing scary", "nothing messy", in the words listings say it with
    **dict.fromkeys(("noisy", "noise", "loud", "beeping", "noises", "sound", "sounds", "makes sounds", "makes sound",
                     "make sounds", "makes noise", "makes noises", "make noise", "music", "musical", "plays music",
                     "play music", "songs", "singing", "talking", "talking toys", "noisy toys", "musical toys",
                     "loud toys", "noise makers", "noisemakers", "sound effects"), _NOISY),
    **dict.fromkeys(("lights", "flashing lights", "flashy lights", "blinking lights", "light up", "light-up",
                     "lights up", "leds", "led", "led lights", "glowing", "glow", "bright lights"), _LIGHTS),
    **dict.fromkeys(("stuffed animals", "stuffed animal", "stuffed toys", "stuffed toy", "soft toys", "soft toy",
                     "cuddly toys", "cuddly toy", "plush", "plushies", "plushie", "plush toys", "plush toy", "teddy",
                     "teddies", "teddy bear", "teddy bears", "stuffies", "cuddlies"), _PLUSH),
    **dict.fromkeys(("character", "characters", "character merch", "character stuff", "character toys", "licensed",
                     "licensed characters", "licensed character", "licensed stuff", "licensed toys", "licensed products",
                     "tv characters", "tv character", "tv merch", "tv shows", "tv show", "cartoon", "cartoons",
                     "cartoon characters", "movie characters", "movie merch", "franchise", "franchises",
                     "comic characters", "comic book characters", "superhero characters", "film stuff", "movie stuff",
                     "tv stuff", "comic", "comics", "movie", "movies", "film", "films"), _CHARACTERS),
    **dict.fromkeys(("crude", "gross-out", "gross out", "toilet humor", "toilet humour", "potty humor", "potty humour",
                     "rude", "vulgar", "fart", "farts", "farting", "yucky", "disgusting"), _CRUDE),
    **dict.fromkeys(("electronic", "electronics", "battery", "batteries", "battery operated", "tech", "gadget",
                     "gadgets"), _ELECTRONIC),
    **dict.fromkeys(("remote control", "remote controlled", "remote-controlled", "remote-control", "rc", "r/c",
                     "radio controlled", "remote control toys", "remote control cars", "rc cars"), _REMOTE),
    **dict.fromkeys(("screen", "screens", "screen time", "tablet", "tablets", "video game", "video games"), _SCREENS),
    **dict.fromkeys(("scary", "spooky", "creepy", "gory"), (*_SCARY, *_HORROR_FILMS)),  # Freddy is scary too
    "gross": (*_SCARY, *_CRUDE),
    # "no horror-movie characters": the films' villains, whose figures never say "horror"
    **dict.fromkeys(("horror", "horror movie", "horror-movie", "horror film", "horror movies"), (*_SCARY, *_HORROR_FILMS)),
    # "no keychains": key rings and bag clips; "isn't a costume": dress-up; "no construction sets":
    # the brick brands; "over dolls": dollhouses and the doll lines; "no play-doh or modelling clay"
    **dict.fromkeys(("keychain", "keychains", "key chain", "key chains", "keyring", "keyrings"), _KEYCHAINS),
    **dict.fromkeys(("small parts", "small pieces", "small bits", "tiny parts", "tiny pieces", "tiny bits", "little parts",
                     "little pieces", "choking hazard", "choking hazards", "choking"), _SMALL_PARTS),
    **dict.fromkeys(("costume", "costumes", "dress up", "dress-up", "dressup"), _COSTUMES),
    **dict.fromkeys(("construction", "construction set", "construction sets", "construction toys", "building set",
                     "building sets", "building blocks", "brick", "bricks", "brick sets"), _BUILDING_SETS),
    **dict.fromkeys(("doll", "dolls"), _DOLLS),
    **dict.fromkeys(("play-doh", "playdoh", "play doh", "playdough", "play dough", "modelling clay", "modeling clay", "clay",
                     "dough"), _DOUGH),
    **dict.fromkeys(("monopoly", "monopolies"), ("monopoly", "opoly")),  # "Boston-opoly"
    **dict.fromkeys(("funko pop", "funko pops", "funkos", "pop vinyl", "pop vinyls"), ("funko",)),
    **dict.fromkeys(("messy", "mess"), _MESSY),
    # "no poop, boogers or zits": Poopsie; "nothing scented": what listings say smells
    **dict.fromkeys(("poop", "poo", "poopy", "pooping"), ("poopsie", "poop", "poo", "pooping")),
    **dict.fromkeys(("scented", "scent", "scents", "perfumed", "perfume", "fragrance", "fragranced", "smelly"),
                    ("scented", "scent", "smell", "smells", "fragrance", "perfume", "aroma", "scratch and sniff")),
    # "no princess dolls", "nothing princess-y": the princesses of the films, who listings name alone
    "princess": _PRINCESSES, "princessy": _PRINCESSES, "princess doll": _PRINCESSES,
    **dict.fromkeys(("military", "war toys", "army stuff", "army toys"), _MILITARY),
    # "not the trading cards": a TCG's boxes, decks and boosters, which titles call none
    **dict.fromkeys(("trading card", "trading cards", "trading card game", "trading card games", "tcg"), _TRADING_CARDS),
    # "no cards though, he loses them" (a Pokemon fan): the trading cards too, whose boxes say "booster"
    **dict.fromkeys(("card", "cards"), _TRADING_CARDS),
    # "no clothes or hats": the words listings give headwear and clothing
    **dict.fromkeys(("hat", "hats", "headwear"), _HATS), **dict.fromkeys(("clothes", "clothing", "apparel"), _CLOTHES),
    # "none of the sports team ones": the leagues' teams, which titles name by league
    **dict.fromkeys(("sports team", "sports teams", "team", "teams"), _LEAGUES),
    **dict.fromkeys(("anime", "manga", "animes"), _ANIME),
    # "NOT a vehicle, all anyone ever gives us is cars and trucks": the vehicles, by the kinds titles name
    **dict.fromkeys(("vehicle", "vehicles"), _VEHICLES),
}.items()}


_KNOWN_NAMES = frozenset(_CHARACTERS)


def known_name(phrase: str) -> bool:
    """Whether `phrase` (lower case) is the name of a licensed line or show ("hello kitty", "paw patrol")."""
    return phrase in _KNOWN_NAMES


def also_called(term: str) -> tuple[str, ...]:
    """The names listings give `term` other than its own ("monopoly": "opoly", a city's "Boston-opoly")."""
    return tuple(n for n in _ALSO_CALLED.get(tuple(tokens_with_numbers(term)), ()) if n != term.lower())


# "nothing from the Cars movie": a film's or show's products are titled by its studio and its name
# ("Disney/Pixar Cars ..."), never "movie", and its name alone may be a kind of toy (cars, planes).
_ON_SCREEN = frozenset({"movie", "movies", "film", "films", "show", "shows", "series", "cartoon", "cartoons"})
_STUDIOS = ("disney", "pixar", "dreamworks", "nickelodeon", "universal", "illumination", "netflix", "warner")


@lru_cache(maxsize=1 << 12)  # `Constraints.allows` asks it of the same terms for every product
def with_lines(term: str) -> tuple[str, ...]:
    """`term`, the licensed lines that belong to it and the names listings give it, as an
    exclusion is matched: "marvel" -> ("marvel", "avengers", "iron man", ...), "dinosaurs" ->
    ("dinosaurs", "dino", "dinotrux", ...). A film or show named by a word of its own is its
    studios' products of that name: "cars movie" -> (..., "disney cars", "pixar cars", ...); one
    the project knows is its line too ("frozen movie": Frozen, Elsa, ...)."""
    key = tuple(tokens_with_numbers(term))
    if key in _BY_TOKENS or key in _ALSO_CALLED:
        return (term, *_BY_TOKENS.get(key, ()), *_ALSO_CALLED.get(key, ()))
    said = term.lower().split()
    *name, last = said or [""]
    if name and last in _ON_SCREEN and name != ["tv"]:
        named = " ".join(name)  # "scary movie": what is scary too; "cars movie": never every car
        lines = with_lines(named) if known_name(named) else with_lines(named)[1:]
        return tuple(dict.fromkeys((term, *lines, *(f"{studio} {named}" for studio in _STUDIOS))))
    if len(said) > 1 and all(tuple(tokens_with_numbers(w)) in _ALSO_CALLED for w in said):
        # "no noisy electronic stuff": what is like either (a toy that plays tunes, a VTech digger)
        return tuple(dict.fromkeys((term, *(name for w in said for name in with_lines(w)))))
    return (term,)


_OWNER_TOKENS = frozenset(t for owner in _LINE_TOKENS for t in owner)


def owns_lines(token: str) -> bool:
    """True when `token` is a word of an owner of licensed lines ("marvel", "disney")."""
    return token in _OWNER_TOKENS


def lines_of(token: str, alternative: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The tokens of each line of an owner that `alternative` names with `token` in it: a product
    named for one of them is as good as named for the owner ("marvel": a Captain America figure)."""
    return [line for owner, lines in _LINE_TOKENS.items() if token in owner
            and any(alternative[i:i + len(owner)] == owner for i in range(len(alternative))) for line in lines]
