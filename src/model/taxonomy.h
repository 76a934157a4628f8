// The fixed vocabularies that records and agreements are written in: kinds of observed activity,
// types of monitoring source, weapon classes, and the kinds and roles of parties.
//
// The vocabularies are fixed by the software (a report is "artillery_fire" in every scenario);
// what an agreement makes of them (which kinds are prohibited where, how far each weapon class
// must be withdrawn) is data in the scenario. Names are the snake_case strings used in files.
// Enumerator values are persisted: do not renumber, append only.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace guarantor {

enum class ObservationKind {
  kExplosion = 0,
  kSmallArmsFire = 1,
  kMortarFire = 2,
  kArtilleryFire = 3,
  kRocketFire = 4,
  kMissileStrike = 5,
  kDroneStrike = 6,
  kAirIncursion = 7,
  kWeaponSighting = 8,
  kTroopMovement = 9,
  kFortification = 10,
};

enum class SourceType {
  kPatrol = 0,
  kUav = 1,
  kCamera = 2,
  kAcoustic = 3,
  kRadar = 4,
  kSatellite = 5,
  kOsint = 6,
};
inline constexpr int kSourceTypeCount = 7;  // SourceType's values are 0 .. kSourceTypeCount - 1

// Weapon classes in the terms of withdrawal agreements (Minsk II and its addenda).
enum class WeaponClass {
  kSmallArms = 0,
  kMortar = 1,  // mortars of any calibre
  kTank = 2,
  kArtilleryLt100mm = 3,  // guns and howitzers below 100 mm
  kArtilleryGe100mm = 4,  // guns and howitzers of 100 mm and above
  kMlrs = 5,              // multiple rocket launchers (BM-21 Grad class)
  kHeavyMlrs = 6,         // Tornado-S, Uragan, Smerch
  kTacticalMissile = 7,   // Tochka-U, Iskander
  kAirDefence = 8,
  kDrone = 9,
  kAircraft = 10,
  kUnknown = 11,
};

enum class PartyKind { kState = 0, kOrganisation = 1, kArmedFormation = 2 };

enum class PartyRole {
  kContributor = 0,
  kBeneficiary = 1,
  kMonitoredParty = 2,
  kMediator = 3,
  kMonitor = 4,
};

std::string_view ToString(ObservationKind v);
std::string_view ToString(SourceType v);
std::string_view ToString(WeaponClass v);
std::string_view ToString(PartyKind v);
std::string_view ToString(PartyRole v);

// Parse* return nullopt for a name that is not in the vocabulary (exact, case-sensitive match).
std::optional<ObservationKind> ParseObservationKind(std::string_view name);
std::optional<SourceType> ParseSourceType(std::string_view name);
std::optional<WeaponClass> ParseWeaponClass(std::string_view name);
std::optional<PartyKind> ParsePartyKind(std::string_view name);
std::optional<PartyRole> ParsePartyRole(std::string_view name);

// "one of: a, b, c", for error messages.
std::string ObservationKindChoices();
std::string SourceTypeChoices();
std::string WeaponClassChoices();
std::string PartyKindChoices();
std::string PartyRoleChoices();

}  // namespace guarantor
